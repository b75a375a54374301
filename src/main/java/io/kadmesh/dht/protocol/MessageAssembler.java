package io.kadmesh.dht.protocol;

import static io.kadmesh.dht.protocol.WireFormat.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.protocol.RawFrame.RawContact;

/**
 * Turns a {@link RawFrame} into the message its type names, checking every field that type uses.
 * Fields the type does not use are ignored.
 */
final class MessageAssembler {

    private MessageAssembler() {
    }

    /** The message in {@code raw}, or why there is none. */
    static Message assemble(RawFrame raw, AddressSyntax addresses) throws FrameException {
        raw.failOnProblem();
        String type = required(raw.type, TYPE);
        return switch (type) {
            case Ping.TYPE -> new Ping(requestId(raw), sender(raw, addresses));
            case Pong.TYPE -> new Pong(requestId(raw), sender(raw, addresses));
            case FindNode.TYPE -> new FindNode(requestId(raw), sender(raw, addresses), nodeId(raw.target, TARGET));
            case Nodes.TYPE -> new Nodes(requestId(raw), sender(raw, addresses), nodes(raw, addresses));
            case FindValue.TYPE -> new FindValue(requestId(raw), sender(raw, addresses), nodeId(raw.key, KEY));
            case Value.TYPE -> new Value(requestId(raw), sender(raw, addresses), nodeId(raw.key, KEY),
                    required(raw.value, VALUE));
            case Store.TYPE -> new Store(requestId(raw), sender(raw, addresses), nodeId(raw.key, KEY),
                    required(raw.value, VALUE), ttl(raw));
            case Stored.TYPE -> new Stored(requestId(raw), sender(raw, addresses));
            case ErrorReply.TYPE -> errorReply(raw, addresses);
            default -> throw new FrameException(ErrorCode.UNKNOWN_TYPE, unknownType(type));
        };
    }

    private static ErrorReply errorReply(RawFrame raw, AddressSyntax addresses) throws FrameException {
        String requestId = raw.requestId == null ? null : requestId(raw);
        String wireName = required(raw.code, CODE);
        ErrorCode code = ErrorCode.fromWireName(wireName)
                .orElseThrow(() -> invalid("field 'code' must be a known error code such as 'invalid', got "
                        + quote(wireName)));
        return new ErrorReply(requestId, sender(raw, addresses), code, required(raw.message, MESSAGE));
    }

    private static Duration ttl(RawFrame raw) throws FrameException {
        long millis = required(raw.ttlMs, TTL_MS);
        if (millis < 1) {
            throw invalid("field '" + TTL_MS + "' must be at least 1, got " + millis);
        }
        return Duration.ofMillis(millis);
    }

    private static String requestId(RawFrame raw) throws FrameException {
        String requestId = required(raw.requestId, REQUEST_ID);
        if (!Message.isRequestId(requestId)) {
            throw invalid("field 'requestId' must be 1.." + Message.MAX_REQUEST_ID_LENGTH
                    + " characters of A-Z, a-z, 0-9, '_' and '-'");
        }
        return requestId;
    }

    private static Contact sender(RawFrame raw, AddressSyntax addresses) throws FrameException {
        return contact(required(raw.sender, SENDER), SENDER, -1, addresses);
    }

    private static List<Contact> nodes(RawFrame raw, AddressSyntax addresses) throws FrameException {
        List<RawContact> rawNodes = required(raw.nodes, NODES);
        if (raw.nodeCount > Nodes.MAX_NODES) {
            throw invalid("field 'nodes' must hold at most " + Nodes.MAX_NODES + " contacts, got " + raw.nodeCount);
        }
        List<Contact> nodes = new ArrayList<>(rawNodes.size());
        for (int i = 0; i < rawNodes.size(); i++) {
            nodes.add(contact(rawNodes.get(i), NODES, i, addresses));
        }
        return nodes;
    }

    private static Contact contact(RawContact raw, String field, int index, AddressSyntax addresses)
            throws FrameException {
        if (raw.nodeId() == null) {
            throw missing(FrameReader.path(field, index, NODE_ID));
        }
        NodeId id = parseNodeId(raw.nodeId());
        if (id == null) {
            throw notNodeId(FrameReader.path(field, index, NODE_ID));
        }
        String address = raw.address();
        if (address == null) {
            throw missing(FrameReader.path(field, index, ADDRESS));
        }
        if (address.isBlank() || address.length() > Contact.MAX_ADDRESS_LENGTH) {
            throw invalid("field '" + FrameReader.path(field, index, ADDRESS) + "' must be 1.."
                    + Contact.MAX_ADDRESS_LENGTH + " characters, not all blank");
        }
        String problem = addresses.problem(address);
        if (problem != null) {
            throw invalid("field '" + FrameReader.path(field, index, ADDRESS) + "' must be " + problem);
        }
        return new Contact(id, address);
    }

    private static NodeId nodeId(String hex, String path) throws FrameException {
        NodeId id = parseNodeId(required(hex, path));
        if (id == null) {
            throw notNodeId(path);
        }
        return id;
    }

    /**
     * The id {@code hex} spells, or null when it is not 40 ASCII hex digits. Relies on
     * {@link NodeId#fromHex}, which is strict and fast; {@link NodeId#isHex} also admits non-ASCII digits.
     */
    private static NodeId parseNodeId(String hex) {
        if (hex.length() != NodeId.BYTES * 2) {
            return null;
        }
        try {
            return NodeId.fromHex(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static FrameException notNodeId(String path) {
        return invalid("field '" + path + "' must be " + NodeId.BYTES * 2 + " hex digits");
    }

    private static <T> T required(T value, String path) throws FrameException {
        if (value == null) {
            throw missing(path);
        }
        return value;
    }

    private static FrameException missing(String path) {
        return invalid("field '" + path + "' is missing");
    }

    private static FrameException invalid(String detail) {
        return new FrameException(ErrorCode.INVALID, detail);
    }

    private static String unknownType(String type) {
        return "unknown message type: " + quote(type);
    }

    /** A peer's string for an error detail: quoted when short and plain, otherwise described by its length. */
    private static String quote(String text) {
        return Message.isRequestId(text) ? "'" + text + "'" : "a " + text.length() + "-character string";
    }
}
