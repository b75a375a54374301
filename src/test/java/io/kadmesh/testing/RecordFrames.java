package io.kadmesh.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;

/**
 * Store frames as an attacker writes them, by hand: a publisher key of its own, the signed bytes laid
 * out as {@code docs/protocol.md} says (written here independently of the codec), and any field
 * forged at will. Replies are read as plain JSON.
 */
public final class RecordFrames {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordFrames() {
    }

    /** An Ed25519 key pair that publishes records. */
    public static final class Publisher {
        private final KeyPair pair;
        public final byte[] publicKey;
        public final NodeId id;

        public Publisher() {
            try {
                pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            byte[] encoded = pair.getPublic().getEncoded();
            publicKey = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
            id = NodeId.sha1(publicKey);
        }

        byte[] sign(byte[] data) {
            try {
                Signature signer = Signature.getInstance("Ed25519");
                signer.initSign(pair.getPrivate());
                signer.update(data);
                return signer.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The bytes a publisher signs, per docs/protocol.md. */
    public static byte[] signedBytes(NodeId key, String value, NodeId publisher, byte[] publicKey, long seq,
            long expiresAt) {
        byte[] label = "kadmesh-record-v1".getBytes(StandardCharsets.US_ASCII);
        byte[] text = value.getBytes(StandardCharsets.UTF_16BE);
        return ByteBuffer.allocate(label.length + 1 + 20 + 20 + 32 + 8 + 8 + 4 + text.length).put(label).put((byte) 0)
                .put(key.toBytes()).put(publisher.toBytes()).put(publicKey).putLong(seq).putLong(expiresAt)
                .putInt(value.length()).put(text).array();
    }

    /** A store of {@code value} under {@code key}, signed by {@code publisher}. */
    public static String store(String requestId, Contact sender, NodeId key, String value, Publisher publisher, long seq,
            Instant expiresAt) {
        byte[] signature = publisher.sign(
                signedBytes(key, value, publisher.id, publisher.publicKey, seq, expiresAt.toEpochMilli()));
        return frame(requestId, sender, key, value, publisher.id, publisher.publicKey, seq, expiresAt, signature);
    }

    /** A store frame with every field given, the signature included. */
    public static String frame(String requestId, Contact sender, NodeId key, String value, NodeId publisher,
            byte[] publicKey, long seq, Instant expiresAt, byte[] signature) {
        ObjectNode frame = JSON.createObjectNode();
        frame.put("type", "store").put("requestId", requestId);
        frame.putObject("sender").put("nodeId", sender.id().toHex()).put("address", sender.address());
        frame.put("key", key.toHex()).put("value", value).put("publisher", publisher.toHex())
                .put("publicKey", Base64.getEncoder().encodeToString(publicKey)).put("seq", seq)
                .put("expiresAt", expiresAt.toEpochMilli())
                .put("signature", Base64.getEncoder().encodeToString(signature));
        return frame.toString();
    }

    /** A find_value frame. */
    public static String findValue(String requestId, Contact sender, NodeId key) {
        ObjectNode frame = JSON.createObjectNode();
        frame.put("type", "find_value").put("requestId", requestId);
        frame.putObject("sender").put("nodeId", sender.id().toHex()).put("address", sender.address());
        return frame.put("key", key.toHex()).toString();
    }

    /** A reply read as JSON. */
    public static JsonNode read(String frame) {
        try {
            return JSON.readTree(frame);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + frame, e);
        }
    }

    /** {@code type}, or {@code error:<code>} for an error reply, of a reply. */
    public static String outcome(JsonNode reply) {
        String type = reply.path("type").asText();
        return "error".equals(type) ? "error:" + reply.path("code").asText() : type;
    }
}
