package io.kadmesh.bootstrap;

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
 * The onboarding protocol on {@code /bootstrap}, one JSON object per text frame. The bootstrap opens
 * every link with a {@code challenge} (its id, key and a fresh nonce); a node then sends
 * {@code register} (its report, signed over the challenge) and is answered with
 * {@code introductions} (live peers to join through, signed by the bootstrap), or sends a signed
 * {@code leave} and is answered with {@code left}; anything wrong gets an {@code error}. See
 * {@code docs/protocol.md}, "Bootstrap".
 */
public final class BootstrapMessages {

    /** Longest frame the bootstrap reads. */
    public static final int MAX_FRAME_LENGTH = 4096;
    /** Length of every nonce on {@code /bootstrap}. */
    public static final int NONCE_BYTES = 32;

    private static final ObjectMapper JSON = ControlJson.MAPPER;
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private BootstrapMessages() {
    }

    /** A frame a node sends to a bootstrap. */
    public sealed interface Request permits Register, Leave {
    }

    /** What a node reports of itself: where it listens, whether it is ready, how many links it holds. */
    public record Status(Contact contact, boolean ready, int connections) {
    }

    /** The bootstrap's first frame on every link: who it is, and the nonce this link's requests sign. */
    public record Challenge(NodeId bootstrapId, byte[] publicKey, byte[] nonce) {
    }

    /** A node's registration: its report, its raw public key, its own nonce, its signature. */
    public record Register(Status status, byte[] publicKey, byte[] nonce, byte[] signature) implements Request {

        /** The registration of {@code identity} reporting {@code status}, answering {@code challenge}. */
        public static Register signedBy(NodeIdentity identity, Status status, Challenge challenge, byte[] nonce) {
            return new Register(status, identity.publicKey(), nonce,
                    identity.sign(BootstrapProofs.register(challenge, status, nonce)));
        }

        /** Whether the key yields the node id reported and signed this registration on {@code challenge}. */
        public boolean isSignedByTheNode(Challenge challenge) {
            return BootstrapProofs.signedBy(status.contact().id(), publicKey,
                    BootstrapProofs.register(challenge, status, nonce), signature);
        }
    }

    /** A node signing off: its id, its raw public key and its signature over the challenge. */
    public record Leave(NodeId nodeId, byte[] publicKey, byte[] signature) implements Request {

        /** The leave of {@code identity}, answering {@code challenge}. */
        public static Leave signedBy(NodeIdentity identity, Challenge challenge) {
            return new Leave(identity.id(), identity.publicKey(),
                    identity.sign(BootstrapProofs.leave(challenge, identity.id())));
        }

        /** Whether the key yields the id and signed this leave on {@code challenge}. */
        public boolean isSignedByTheNode(Challenge challenge) {
            return BootstrapProofs.signedBy(nodeId, publicKey, BootstrapProofs.leave(challenge, nodeId), signature);
        }
    }

    /** The bootstrap's answer to a registration: the peers to join through, and its signature. */
    public record Introductions(List<Contact> peers, byte[] signature) {

        /** The introductions of {@code peers} to the node that sent {@code register} on {@code challenge}. */
        public static Introductions signedBy(NodeIdentity bootstrap, Challenge challenge, Register register,
                List<Contact> peers) {
            return new Introductions(List.copyOf(peers), bootstrap.sign(BootstrapProofs.introductions(challenge,
                    register.status().contact().id(), register.nonce(), peers)));
        }

        /** Whether the bootstrap of {@code challenge} signed these for {@code newcomer} and its {@code nonce}. */
        public boolean isSignedByTheBootstrap(Challenge challenge, NodeId newcomer, byte[] nonce) {
            return BootstrapProofs.signedBy(challenge.bootstrapId(), challenge.publicKey(),
                    BootstrapProofs.introductions(challenge, newcomer, nonce, peers), signature);
        }
    }

    /** Encodes a challenge. */
    public static String challenge(Challenge challenge) {
        return JSON.createObjectNode().put("type", "challenge").put("version", BootstrapProofs.VERSION)
                .put("nodeId", challenge.bootstrapId().toHex())
                .put("publicKey", BASE64.encodeToString(challenge.publicKey()))
                .put("nonce", BASE64.encodeToString(challenge.nonce())).toString();
    }

    /** Encodes a registration. */
    public static String register(Register register) {
        Status status = register.status();
        return JSON.createObjectNode().put("type", "register").put("nodeId", status.contact().id().toHex())
                .put("address", status.contact().address()).put("ready", status.ready())
                .put("connections", status.connections()).put("publicKey", BASE64.encodeToString(register.publicKey()))
                .put("nonce", BASE64.encodeToString(register.nonce()))
                .put("signature", BASE64.encodeToString(register.signature())).toString();
    }

    /** Encodes a leave. */
    public static String leave(Leave leave) {
        return JSON.createObjectNode().put("type", "leave").put("nodeId", leave.nodeId().toHex())
                .put("publicKey", BASE64.encodeToString(leave.publicKey()))
                .put("signature", BASE64.encodeToString(leave.signature())).toString();
    }

    /** Encodes the answer to a leave: whether the node was registered until now. */
    public static String left(NodeId nodeId, boolean wasRegistered) {
        return JSON.createObjectNode().put("type", "left").put("nodeId", nodeId.toHex())
                .put("wasRegistered", wasRegistered).toString();
    }

    /** Encodes the peers introduced to a newcomer, with the bootstrap's signature. */
    public static String introductions(Introductions introductions) {
        ObjectNode node = JSON.createObjectNode().put("type", "introductions");
        ArrayNode array = node.putArray("peers");
        introductions.peers()
                .forEach(peer -> array.addObject().put("nodeId", peer.id().toHex()).put("address", peer.address()));
        return node.put("signature", BASE64.encodeToString(introductions.signature())).toString();
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
            case "leave" -> new Leave(nodeId(node), base64(node, "publicKey"), base64(node, "signature"));
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
        Status status = new Status(contact(node), ready.booleanValue(), connections.intValue());
        return new Register(status, base64(node, "publicKey"), nonce(node), base64(node, "signature"));
    }

    /** Decodes a challenge, checking that its key yields its id; an error answer is thrown as its message. */
    public static Challenge parseChallenge(String frame) {
        JsonNode node = answer(frame, "challenge");
        if (node.path("version").asInt(-1) != BootstrapProofs.VERSION) {
            throw new IllegalArgumentException("unsupported bootstrap protocol version " + node.path("version")
                    + "; this node speaks " + BootstrapProofs.VERSION);
        }
        Challenge challenge = new Challenge(nodeId(node), base64(node, "publicKey"), nonce(node));
        try {
            if (!NodeIdentity.idOf(challenge.publicKey()).equals(challenge.bootstrapId())) {
                throw new IllegalArgumentException("challenge: 'nodeId' is not the id of 'publicKey'");
            }
        } catch (IllegalArgumentException wrongLength) {
            throw new IllegalArgumentException("challenge: " + wrongLength.getMessage());
        }
        return challenge;
    }

    /** Decodes introductions, or throws {@link IllegalArgumentException}; an error answer is thrown as its message. */
    public static Introductions parseIntroductions(String frame) {
        JsonNode node = answer(frame, "introductions");
        if (!node.path("peers").isArray()) {
            throw new IllegalArgumentException("introductions without a 'peers' array");
        }
        List<Contact> peers = new ArrayList<>();
        for (JsonNode peer : node.path("peers")) {
            peers.add(contact(peer));
        }
        return new Introductions(peers, base64(node, "signature"));
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
        if (!address.isTextual() || !PeerAddress.isWellFormed(address.asText())) {
            throw new IllegalArgumentException("'address' must be a ws:// or wss:// URL with a host, at most "
                    + Contact.MAX_ADDRESS_LENGTH + " characters, without spaces or control characters");
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

    private static byte[] nonce(JsonNode node) {
        byte[] nonce = base64(node, "nonce");
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("'nonce' must be " + NONCE_BYTES + " bytes");
        }
        return nonce;
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
