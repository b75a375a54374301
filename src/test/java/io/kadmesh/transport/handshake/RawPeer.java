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

    /** The protocol version the handshake below speaks. */
    static final int VERSION = 2;

    /** This peer's honest hello. */
    String hello() {
        return hello(VERSION, identity.id().toHex(), identity.publicKey(), NONCE, transport.address());
    }

    /**
     * The bytes a hello_ack signs, from docs/protocol.md: the label, the version (4 bytes, big-endian),
     * the signer's id, the verifier's id, the signer's nonce, the verifier's nonce.
     */
    static byte[] signedBytes(byte[] signerId, byte[] verifierId, byte[] signerNonce, byte[] verifierNonce) {
        byte[] label = "kadmesh-handshake".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(125).put(label).putInt(VERSION).put(signerId).put(verifierId).put(signerNonce)
                .put(verifierNonce).array();
    }

    /** A hello_ack carrying {@code signature}. */
    static String ack(byte[] signature) {
        return "{\"type\":\"hello_ack\",\"signature\":\"" + BASE64.encodeToString(signature) + "\"}";
    }

    /** The honest answer to the hello this peer received. */
    String ack() {
        return ack(identity.sign(signedBytes(identity.id().toBytes(), receivedId(), NONCE, receivedNonce())));
    }

    /** The node id of the hello this peer received, as bytes. */
    byte[] receivedId() {
        return java.util.HexFormat.of().parseHex(receivedHelloField("nodeId"));
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
