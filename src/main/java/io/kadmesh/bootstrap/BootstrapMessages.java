package io.kadmesh.bootstrap;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.wire.ControlJson;

/**
 * The onboarding protocol on {@code /bootstrap}, one JSON object per text frame:
 * {@code register} (a node announces itself and its state), {@code introductions} (the bootstrap's
 * answer: live peers to join through), {@code leave} (a node signs off), {@code left} (the answer to
 * it), {@code error}. See {@code docs/protocol.md}.
 */
public final class BootstrapMessages {

    /** Longest frame the bootstrap reads. */
    public static final int MAX_FRAME_LENGTH = 4096;

    private static final ObjectMapper JSON = ControlJson.MAPPER;
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private BootstrapMessages() {
    }

    /** A frame a node sends to a bootstrap. */
    public sealed interface Request permits Register, Leave {
    }

    /** A node's registration. */
    public record Register(Contact contact, boolean ready, int connections) implements Request {
    }

    /**
     * A node signing off: its id, its raw Ed25519 public key, when it signed, and its signature of
     * {@link #signedText()}.
     */
    public record Leave(NodeId nodeId, byte[] publicKey, long issuedAtMillis, byte[] signature) implements Request {

        /** A leave by {@code identity}, signed at {@code now}. */
        public static Leave signedBy(NodeIdentity identity, Instant now) {
            long millis = now.toEpochMilli();
            String text = signedText(identity.id(), millis);
            return new Leave(identity.id(), identity.publicKey(), millis,
                    identity.sign(text.getBytes(StandardCharsets.UTF_8)));
        }

        /** The text signed: {@code kadmesh-leave <nodeId> <issuedAtMillis>}. */
        public String signedText() {
            return signedText(nodeId, issuedAtMillis);
        }

        private static String signedText(NodeId id, long millis) {
            return "kadmesh-leave " + id.toHex() + " " + millis;
        }

        /** Whether the key yields the id and the signature is the key's. */
        public boolean isSignedByTheNode() {
            try {
                return NodeIdentity.idOf(publicKey).equals(nodeId)
                        && NodeIdentity.verify(publicKey, signedText().getBytes(StandardCharsets.UTF_8), signature);
            } catch (IllegalArgumentException wrongKeyLength) {
                return false;
            }
        }

        /** When the node signed it. */
        public Instant issuedAt() {
            return Instant.ofEpochMilli(issuedAtMillis);
        }
    }

    /** Encodes a registration. */
    public static String register(Register register) {
        ObjectNode node = JSON.createObjectNode().put("type", "register")
                .put("nodeId", register.contact().id().toHex()).put("address", register.contact().address())
                .put("ready", register.ready()).put("connections", register.connections());
        return node.toString();
    }

    /** Encodes a leave. */
    public static String leave(Leave leave) {
        return JSON.createObjectNode().put("type", "leave").put("nodeId", leave.nodeId().toHex())
                .put("publicKey", BASE64.encodeToString(leave.publicKey())).put("issuedAt", leave.issuedAtMillis())
                .put("signature", BASE64.encodeToString(leave.signature())).toString();
    }

    /** Encodes the answer to a leave: whether the node was registered until now. */
    public static String left(NodeId nodeId, boolean wasRegistered) {
        return JSON.createObjectNode().put("type", "left").put("nodeId", nodeId.toHex())
                .put("wasRegistered", wasRegistered).toString();
    }

    /** Encodes the peers introduced to a newcomer. */
    public static String introductions(List<Contact> peers) {
        ObjectNode node = JSON.createObjectNode().put("type", "introductions");
        ArrayNode array = node.putArray("peers");
        peers.forEach(peer -> array.addObject().put("nodeId", peer.id().toHex()).put("address", peer.address()));
        return node.toString();
    }

    /** Encodes an error answer. */
    public static String error(String message) {
        return JSON.createObjectNode().put("type", "error").put("message", message).toString();
    }

    /** Decodes a request, or throws {@link IllegalArgumentException} saying what is wrong. */
    public static Request parseRequest(String frame) {
        JsonNode node = parse(frame);
        String type = node.path("type").asText();
        return switch (type) {
            case "register" -> register(node);
            case "leave" -> leave(node);
            default -> throw new IllegalArgumentException("unknown type '" + type + "'; expected 'register' or 'leave'");
        };
    }

    private static Register register(JsonNode node) {
        JsonNode connections = node.path("connections");
        if (!connections.canConvertToInt() || !connections.isIntegralNumber() || connections.intValue() < 0) {
            throw new IllegalArgumentException("'connections' must be a whole number >= 0");
        }
        JsonNode ready = node.path("ready");
        if (!ready.isBoolean()) {
            throw new IllegalArgumentException("'ready' must be true or false");
        }
        return new Register(contact(node), ready.booleanValue(), connections.intValue());
    }

    private static Leave leave(JsonNode node) {
        NodeId id = nodeId(node);
        JsonNode issuedAt = node.path("issuedAt");
        if (!issuedAt.isIntegralNumber() || !issuedAt.canConvertToLong()) {
            throw new IllegalArgumentException("'issuedAt' must be milliseconds since the epoch");
        }
        return new Leave(id, base64(node, "publicKey"), issuedAt.longValue(), base64(node, "signature"));
    }

    /** Decodes introductions, or throws {@link IllegalArgumentException}; an error answer is thrown as its message. */
    public static List<Contact> parseIntroductions(String frame) {
        JsonNode node = answer(frame, "introductions");
        if (!node.path("peers").isArray()) {
            throw new IllegalArgumentException("introductions without a 'peers' array");
        }
        List<Contact> peers = new ArrayList<>();
        for (JsonNode peer : node.path("peers")) {
            peers.add(contact(peer));
        }
        return peers;
    }

    /** Decodes the answer to a leave: whether the node was registered; an error answer is thrown as its message. */
    public static boolean parseLeft(String frame) {
        return answer(frame, "left").path("wasRegistered").asBoolean(false);
    }

    private static JsonNode answer(String frame, String expectedType) {
        JsonNode node = parse(frame);
        String type = node.path("type").asText();
        if ("error".equals(type)) {
            throw new IllegalArgumentException("bootstrap refused: " + node.path("message").asText());
        }
        if (!expectedType.equals(type)) {
            throw new IllegalArgumentException("expected " + expectedType + ", got type '" + type + "'");
        }
        return node;
    }

    private static JsonNode parse(String frame) {
        if (frame == null || frame.length() > MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("frame is missing or longer than " + MAX_FRAME_LENGTH + " characters");
        }
        try {
            JsonNode node = JSON.readTree(frame);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("a frame is one JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage());
        }
    }

    private static Contact contact(JsonNode node) {
        NodeId id = nodeId(node);
        JsonNode address = node.path("address");
        if (!address.isTextual() || !(address.asText().startsWith("ws://") || address.asText().startsWith("wss://"))) {
            throw new IllegalArgumentException("'address' must be a ws:// or wss:// URL");
        }
        return new Contact(id, address.asText());
    }

    private static NodeId nodeId(JsonNode node) {
        JsonNode id = node.path("nodeId");
        if (!id.isTextual() || !NodeId.isHex(id.asText())) {
            throw new IllegalArgumentException("'nodeId' must be 40 hex digits");
        }
        return NodeId.fromHex(id.asText());
    }

    private static byte[] base64(JsonNode node, String field) {
        JsonNode value = node.path(field);
        try {
            if (value.isTextual()) {
                return Base64.getDecoder().decode(value.asText());
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + field + "' must be base64");
    }
}
