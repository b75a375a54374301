package io.kadmesh.bootstrap;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;

/**
 * The onboarding protocol on {@code /bootstrap}, one JSON object per text frame:
 * {@code register} (a node announces itself and its state), {@code introductions} (the bootstrap's
 * answer: live peers to join through), {@code error}. See {@code docs/protocol.md}.
 */
public final class BootstrapMessages {

    /** Longest frame the bootstrap reads. */
    public static final int MAX_FRAME_LENGTH = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();

    private BootstrapMessages() {
    }

    /** A node's registration. */
    public record Register(Contact contact, boolean ready, int connections) {
    }

    /** Encodes a registration. */
    public static String register(Register register) {
        ObjectNode node = JSON.createObjectNode().put("type", "register")
                .put("nodeId", register.contact().id().toHex()).put("address", register.contact().address())
                .put("ready", register.ready()).put("connections", register.connections());
        return node.toString();
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

    /** Decodes a registration, or throws {@link IllegalArgumentException} saying what is wrong. */
    public static Register parseRegister(String frame) {
        JsonNode node = parse(frame, "register");
        int connections = node.path("connections").asInt(-1);
        if (connections < 0) {
            throw new IllegalArgumentException("'connections' must be a number >= 0");
        }
        return new Register(contact(node), node.path("ready").asBoolean(false), connections);
    }

    /** Decodes introductions, or throws {@link IllegalArgumentException}; an error answer is thrown as its message. */
    public static List<Contact> parseIntroductions(String frame) {
        JsonNode node = parse(frame, null);
        if ("error".equals(node.path("type").asText())) {
            throw new IllegalArgumentException("bootstrap refused: " + node.path("message").asText());
        }
        if (!"introductions".equals(node.path("type").asText()) || !node.path("peers").isArray()) {
            throw new IllegalArgumentException("expected introductions, got type '" + node.path("type").asText() + "'");
        }
        List<Contact> peers = new ArrayList<>();
        for (JsonNode peer : node.path("peers")) {
            peers.add(contact(peer));
        }
        return peers;
    }

    private static JsonNode parse(String frame, String expectedType) {
        if (frame == null || frame.length() > MAX_FRAME_LENGTH) {
            throw new IllegalArgumentException("frame is missing or longer than " + MAX_FRAME_LENGTH + " characters");
        }
        try {
            JsonNode node = JSON.readTree(frame);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("a frame is one JSON object");
            }
            if (expectedType != null && !expectedType.equals(node.path("type").asText())) {
                throw new IllegalArgumentException("unknown type '" + node.path("type").asText() + "'; expected '"
                        + expectedType + "'");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
    }

    private static Contact contact(JsonNode node) {
        String id = node.path("nodeId").asText("");
        String address = node.path("address").asText("");
        if (!NodeId.isHex(id)) {
            throw new IllegalArgumentException("'nodeId' must be 40 hex digits");
        }
        if (!address.startsWith("ws://") && !address.startsWith("wss://")) {
            throw new IllegalArgumentException("'address' must be a ws:// or wss:// URL");
        }
        return new Contact(NodeId.fromHex(id), address);
    }
}
