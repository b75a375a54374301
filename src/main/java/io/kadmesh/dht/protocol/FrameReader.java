package io.kadmesh.dht.protocol;

import static io.kadmesh.dht.protocol.WireFormat.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.protocol.RawFrame.RawContact;

/**
 * Reads a frame's top-level JSON object into a {@link RawFrame} with Jackson's streaming parser.
 * Fields no message uses are skipped without being kept; a known field of the wrong JSON type, or one
 * that appears twice, is recorded as a problem and reading goes on, so that the type and request id
 * can still be read. Broken JSON ends reading with the parser's exception.
 */
final class FrameReader {

    private FrameReader() {
    }

    /** Fills {@code raw} from {@code frame}; what was read before a failure stays in {@code raw}. */
    static void read(String frame, RawFrame raw) throws IOException, FrameException {
        try (JsonParser json = JSON.createParser(frame)) {
            JsonToken first = json.nextToken();
            if (first == null) {
                throw new FrameException(ErrorCode.MALFORMED, "frame is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new FrameException(ErrorCode.MALFORMED, "frame must be a JSON object, got " + describe(first));
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                json.nextToken();
                readField(json, name, raw);
            }
            if (json.nextToken() != null) {
                raw.problem(ErrorCode.MALFORMED, "frame has content after its JSON object");
            }
        }
    }

    private static void readField(JsonParser json, String name, RawFrame raw) throws IOException {
        int index = MESSAGE_FIELDS.indexOf(name);
        if (index < 0) {
            json.skipChildren();
            return;
        }
        if (!raw.firstSight(index)) {
            raw.problem(ErrorCode.MALFORMED, "field '" + name + "' appears more than once");
        }
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        switch (name) {
            case TYPE -> raw.type = string(json, name, raw);
            case REQUEST_ID -> raw.requestId = string(json, name, raw);
            case SENDER -> raw.sender = contact(json, name, -1, raw);
            case TARGET -> raw.target = string(json, name, raw);
            case KEY -> raw.key = string(json, name, raw);
            case VALUE -> raw.value = string(json, name, raw);
            case NODES -> readNodes(json, raw);
            case CODE -> raw.code = string(json, name, raw);
            case MESSAGE -> raw.message = string(json, name, raw);
            case PUBLISHER -> raw.publisher = string(json, name, raw);
            case PUBLIC_KEY -> raw.publicKey = string(json, name, raw);
            case SEQ -> raw.seq = wholeNumber(json, name, raw);
            case EXPIRES_AT -> raw.expiresAt = wholeNumber(json, name, raw);
            case SIGNATURE -> raw.signature = string(json, name, raw);
            case SERVICE -> raw.service = string(json, name, raw);
            case BODY -> raw.body = string(json, name, raw);
            default -> throw new IllegalStateException("MESSAGE_FIELDS lists '" + name + "' but it is not read");
        }
    }

    private static void readNodes(JsonParser json, RawFrame raw) throws IOException {
        if (json.currentToken() != JsonToken.START_ARRAY) {
            wrongType(json, JsonToken.START_ARRAY, NODES, raw);
            return;
        }
        List<RawContact> nodes = new ArrayList<>();
        int count = 0;
        while (json.nextToken() != JsonToken.END_ARRAY) {
            RawContact contact = contact(json, NODES, count, raw);
            if (count <= Nodes.MAX_NODES) {
                nodes.add(contact);
            }
            count++;
        }
        raw.nodes = nodes;
        raw.nodeCount = count;
    }

    /** Reads a contact object; {@code index} is its place in an array, or -1 when it is a field's value. */
    private static RawContact contact(JsonParser json, String field, int index, RawFrame raw) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            wrongType(json, JsonToken.START_OBJECT, path(field, index, null), raw);
            return null;
        }
        NodeId nodeId = null;
        boolean hasNodeId = false;
        String address = null;
        int seen = 0;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            int bit = NODE_ID.equals(name) ? 1 : ADDRESS.equals(name) ? 2 : 0;
            if (bit == 0) {
                json.skipChildren();
            } else if (isContactString(json, field, index, name, (seen & bit) != 0, raw)) {
                if (bit == 1) {
                    hasNodeId = true;
                    nodeId = NodeId.parseHex(json.getTextCharacters(), json.getTextOffset(), json.getTextLength());
                } else {
                    address = json.getText();
                }
            } else if (bit == 1) {
                hasNodeId = false;
                nodeId = null;
            } else {
                address = null;
            }
            seen |= bit;
        }
        return new RawContact(nodeId, hasNodeId, address);
    }

    /**
     * Whether a contact's field holds a string, to be read by the caller; a repeated field and any
     * other type are recorded as problems. The path for error details is only built when there is one.
     */
    private static boolean isContactString(JsonParser json, String field, int index, String name,
            boolean seenBefore, RawFrame raw) throws IOException {
        if (seenBefore) {
            raw.problem(ErrorCode.MALFORMED, "field '" + path(field, index, name) + "' appears more than once");
        }
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return true;
        }
        if (token != JsonToken.VALUE_NULL) {
            wrongType(json, JsonToken.VALUE_STRING, path(field, index, name), raw);
        }
        return false;
    }

    private static String string(JsonParser json, String path, RawFrame raw) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_STRING) {
            return json.getText();
        }
        wrongType(json, JsonToken.VALUE_STRING, path, raw);
        return null;
    }

    /** A whole number that fits a long; anything else is recorded as a problem and read as null. */
    private static Long wholeNumber(JsonParser json, String path, RawFrame raw) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            raw.problem(ErrorCode.MALFORMED, "field '" + path + "' must be a whole number, got a fraction");
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT) {
            wrongType(json, JsonToken.VALUE_NUMBER_INT, path, raw);
            return null;
        }
        if (json.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            raw.problem(ErrorCode.INVALID, "field '" + path + "' must be at most " + Long.MAX_VALUE);
            return null;
        }
        return json.getLongValue();
    }

    /** Records that the value at {@code path} is not of the {@code expected} kind, and skips it. */
    private static void wrongType(JsonParser json, JsonToken expected, String path, RawFrame raw) throws IOException {
        raw.problem(ErrorCode.MALFORMED,
                "field '" + path + "' must be " + describe(expected) + ", got " + describe(json.currentToken()));
        json.skipChildren();
    }

    /** A field's path in error details, such as {@code sender.nodeId} or {@code nodes[3].address}. */
    static String path(String field, int index, String child) {
        String element = index < 0 ? field : field + "[" + index + "]";
        return child == null ? element : element + "." + child;
    }

    /** A token's kind in words, for error details. */
    static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }
}
