package io.kadmesh.it.harness;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kadmesh.identity.NodeIdentity;

/**
 * The hello handshake written by hand from {@code docs/protocol.md}, for attackers in tests: it builds
 * hello and hello_ack frames and the bytes a hello_ack signs, independently of the code under test.
 */
public final class HandshakeScript {

    /** The domain-separation label at the start of the signed bytes. */
    public static final byte[] LABEL = "kadmesh-handshake".getBytes(StandardCharsets.US_ASCII);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private HandshakeScript() {
    }

    /** A hello frame with every field given. */
    public static String hello(int version, String nodeId, byte[] publicKey, byte[] nonce, String address) {
        return "{\"type\":\"hello\",\"protocolVersion\":" + version + ",\"nodeId\":\"" + nodeId
                + "\",\"publicKey\":\"" + BASE64.encodeToString(publicKey) + "\",\"nonce\":\""
                + BASE64.encodeToString(nonce) + "\",\"address\":\"" + address + "\"}";
    }

    /** A hello_ack frame carrying {@code signature}. */
    public static String ack(byte[] signature) {
        return "{\"type\":\"hello_ack\",\"signature\":\"" + BASE64.encodeToString(signature) + "\"}";
    }

    /**
     * What the signer's hello_ack signs: the label, the protocol version (4 bytes, big-endian), the
     * signer's id, the verifier's id (20 bytes each), the signer's nonce and the verifier's nonce.
     */
    public static byte[] signedBytes(int version, byte[] signerId, byte[] verifierId, byte[] signerNonce,
            byte[] verifierNonce) {
        return ByteBuffer.allocate(LABEL.length + 4 + 40 + 64).put(LABEL).putInt(version).put(signerId)
                .put(verifierId).put(signerNonce).put(verifierNonce).array();
    }

    /** The honest hello_ack of {@code signer}, who sent {@code signerNonce}, to the sender of {@code peerHello}. */
    public static String honestAck(NodeIdentity signer, byte[] signerNonce, Hello peerHello) {
        return ack(signer.sign(signedBytes(peerHello.version(), signer.id().toBytes(), peerHello.nodeIdBytes(),
                signerNonce, peerHello.nonce())));
    }

    /** A received hello, read field by field. */
    public record Hello(int version, String nodeId, byte[] publicKey, byte[] nonce, String address) {

        /** Reads the hello in {@code frame}; fails when it is none. */
        public static Hello parse(String frame) {
            try {
                JsonNode node = JSON.readTree(frame);
                if (!"hello".equals(node.path("type").asText())) {
                    throw new IllegalArgumentException("not a hello: " + frame);
                }
                Base64.Decoder base64 = Base64.getDecoder();
                return new Hello(node.get("protocolVersion").asInt(), node.get("nodeId").asText(),
                        base64.decode(node.get("publicKey").asText()), base64.decode(node.get("nonce").asText()),
                        node.get("address").asText());
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("not JSON: " + frame, e);
            }
        }

        /** The 20 bytes of the node id. */
        public byte[] nodeIdBytes() {
            return java.util.HexFormat.of().parseHex(nodeId);
        }
    }

    /** The signature of the hello_ack in {@code frame}; fails when it is none. */
    public static byte[] signatureOf(String frame) {
        try {
            JsonNode node = JSON.readTree(frame);
            if (!"hello_ack".equals(node.path("type").asText())) {
                throw new IllegalArgumentException("not a hello_ack: " + frame);
            }
            return Base64.getDecoder().decode(node.get("signature").asText());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + frame, e);
        }
    }
}
