package io.kadmesh.transport.handshake;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.simulation.InMemoryNetwork;
import io.kadmesh.simulation.InMemoryTransport;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;

/**
 * A peer on the in-memory network that speaks the handshake by hand, as docs/protocol.md describes
 * it, and can break it on purpose. It writes its frames as literal JSON, independently of the code
 * under test.
 */
final class RawPeer implements LinkHandler {

    static final byte[] NONCE = new byte[32];

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    final NodeIdentity identity = NodeIdentity.generate();
    final InMemoryTransport transport;
    final List<String> frames = new ArrayList<>();
    final List<String> closes = new ArrayList<>();
    final List<String> sendOnOpen = new ArrayList<>();
    PeerLink link;

    RawPeer(InMemoryNetwork network, String address) {
        this.transport = network.transport(address);
    }

    @Override
    public void onOpen(PeerLink opened) {
        link = opened;
        sendOnOpen.forEach(opened::send);
    }

    @Override
    public void onFrame(PeerLink on, String frame) {
        frames.add(frame);
    }

    @Override
    public void onClose(PeerLink on, int code, String reason) {
        closes.add(code + " " + reason);
    }

    void send(String frame) {
        link.send(frame);
    }

    /** A hello with every field given. */
    static String hello(int version, String nodeId, byte[] publicKey, byte[] nonce, String address) {
        return "{\"type\":\"hello\",\"protocolVersion\":" + version + ",\"nodeId\":\"" + nodeId
                + "\",\"publicKey\":\"" + BASE64.encodeToString(publicKey) + "\",\"nonce\":\""
                + BASE64.encodeToString(nonce) + "\",\"address\":\"" + address + "\"}";
    }

    /** This peer's honest hello. */
    String hello() {
        return hello(1, identity.id().toHex(), identity.publicKey(), NONCE, transport.address());
    }

    /** A hello_ack carrying {@code signature}. */
    static String ack(byte[] signature) {
        return "{\"type\":\"hello_ack\",\"signature\":\"" + BASE64.encodeToString(signature) + "\"}";
    }

    /** The honest answer to the hello this peer received: its signature of that nonce and its own id. */
    String ack() {
        byte[] signed = ByteBuffer.allocate(52).put(receivedNonce()).put(identity.id().toBytes()).array();
        return ack(identity.sign(signed));
    }

    /** The field {@code name} of the first frame received, a hello. */
    String receivedHelloField(String name) {
        try {
            JsonNode hello = JSON.readTree(frames.get(0));
            return hello.get(name).asText();
        } catch (Exception e) {
            throw new AssertionError("first frame is not a hello: " + frames, e);
        }
    }

    /** The nonce of the hello this peer received. */
    byte[] receivedNonce() {
        return Base64.getDecoder().decode(receivedHelloField("nonce"));
    }
}
