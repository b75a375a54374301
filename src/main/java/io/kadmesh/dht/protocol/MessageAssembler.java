package io.kadmesh.dht.protocol;

import static io.kadmesh.dht.protocol.WireFormat.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.protocol.RawFrame.RawContact;
import io.kadmesh.dht.storage.SignedRecord;

/**
 * Turns a {@link RawFrame} into the message its type names, checking every field that type uses.
 * Fields the type does not use are ignored.
 */
final class MessageAssembler {

    /** The latest expiry a record may name: the end of year 9999, far beyond any sound one and within {@link Instant}. */
    private static final long MAX_EPOCH_MILLI = 253_402_300_799_999L;

    /** What a {@code nodes} entry must be instead of a browser, which nobody can dial. */
    private static final String PASSED_ON_BROWSER = "an address a node can dial: a browser speaks only for itself,"
            + " as a sender";

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
            case Value.TYPE -> new Value(requestId(raw), sender(raw, addresses), record(raw));
            case Store.TYPE -> new Store(requestId(raw), sender(raw, addresses), record(raw));
            case Stored.TYPE -> new Stored(requestId(raw), sender(raw, addresses));
            case ServiceRequest.TYPE -> new ServiceRequest(requestId(raw), sender(raw, addresses), service(raw),
                    required(raw.body, BODY));
            case ServiceReply.TYPE -> new ServiceReply(requestId(raw), sender(raw, addresses), required(raw.body, BODY));
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

    /** The signed record a store or value carries; its signature is checked by the holder, not here. */
    private static SignedRecord record(RawFrame raw) throws FrameException {
        NodeId key = nodeId(raw.key, KEY);
        String value = required(raw.value, VALUE);
        NodeId publisher = nodeId(raw.publisher, PUBLISHER);
        byte[] publicKey = base64(raw.publicKey, PUBLIC_KEY, SignedRecord.PUBLIC_KEY_BYTES);
        long seq = nonNegative(raw.seq, SEQ);
        long expiresAt = nonNegative(raw.expiresAt, EXPIRES_AT);
        if (expiresAt > MAX_EPOCH_MILLI) {
            throw invalid("field '" + EXPIRES_AT + "' must be at most " + MAX_EPOCH_MILLI + ", got " + expiresAt);
        }
        byte[] signature = base64(raw.signature, SIGNATURE, SignedRecord.SIGNATURE_BYTES);
        return new SignedRecord(key, value, publisher, publicKey, seq, Instant.ofEpochMilli(expiresAt), signature);
    }

    private static long nonNegative(Long number, String path) throws FrameException {
        long value = required(number, path);
        if (value < 0) {
            throw invalid("field '" + path + "' must be at least 0, got " + value);
        }
        return value;
    }

    private static byte[] base64(String text, String path, int length) throws FrameException {
        byte[] bytes = null;
        try {
            bytes = Base64.getDecoder().decode(required(text, path));
        } catch (IllegalArgumentException notBase64) {
            // reported below, as a wrong length would be
        }
        if (bytes == null || bytes.length != length) {
            throw invalid("field '" + path + "' must be base64 of " + length + " bytes");
        }
        return bytes;
    }

    private static String service(RawFrame raw) throws FrameException {
        String service = required(raw.service, SERVICE);
        if (!ServiceName.isValid(service)) {
            throw invalid("field 'service' must be 1.." + ServiceName.MAX_LENGTH
                    + " characters of a-z, 0-9, '_' and '-'");
        }
        return service;
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
        if (!raw.hasNodeId()) {
            throw missing(FrameReader.path(field, index, NODE_ID));
        }
        NodeId id = raw.nodeId();
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
        String problem = !address.startsWith(Contact.BROWSER_SCHEME) ? addresses.problem(address)
                : field.equals(SENDER) ? browserAddressProblem(id, address) : PASSED_ON_BROWSER;
        if (problem != null) {
            throw invalid("field '" + FrameReader.path(field, index, ADDRESS) + "' must be " + problem);
        }
        return new Contact(id, address);
    }

    /** A browser's address names the browser itself: {@code browser:} and its id in lowercase hex. */
    private static String browserAddressProblem(NodeId id, String address) {
        return address.equals(Contact.browser(id).address()) ? null
                : "'" + Contact.BROWSER_SCHEME + "' and the contact's own node id in lowercase hex";
    }

    private static NodeId nodeId(String hex, String path) throws FrameException {
        NodeId id = parseNodeId(required(hex, path));
        if (id == null) {
            throw notNodeId(path);
        }
        return id;
    }

    /** The id {@code hex} spells, or null when it is not 40 ASCII hex digits. */
    private static NodeId parseNodeId(String hex) {
        return NodeId.parseHex(hex.toCharArray(), 0, hex.length());
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
