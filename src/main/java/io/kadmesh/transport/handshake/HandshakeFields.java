package io.kadmesh.transport.handshake;

import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;

/**
 * The fields of a parsed handshake frame, each checked as it is read. A field whose value is
 * {@code null} counts as absent. Violations name the field, never echo its value.
 */
final class HandshakeFields {

    private final JsonNode frame;

    HandshakeFields(JsonNode frame) {
        this.frame = frame;
    }

    /** The message type, or null when there is none. */
    String type() throws HandshakeViolation {
        JsonNode type = present("type");
        if (type == null) {
            return null;
        }
        if (!type.isTextual()) {
            throw new HandshakeViolation("malformed handshake frame: 'type' must be a string");
        }
        return type.textValue();
    }

    /** The hello's protocol version, an integer. */
    int protocolVersion() throws HandshakeViolation {
        JsonNode version = present("protocolVersion");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()) {
            throw new HandshakeViolation("hello field 'protocolVersion' must be an integer");
        }
        return version.intValue();
    }

    /** The hello's node id, 40 hex digits. */
    String nodeId() throws HandshakeViolation {
        String hex = text("nodeId");
        if (!NodeId.isHex(hex)) {
            throw new HandshakeViolation("hello field 'nodeId' must be 40 hex digits");
        }
        return hex;
    }

    /** The hello's advertised address, held to the rules of a contact's address. */
    String address() throws HandshakeViolation {
        String address = text("address");
        if (address == null || address.isBlank() || address.length() > Contact.MAX_ADDRESS_LENGTH) {
            throw new HandshakeViolation("hello field 'address' must be 1 to " + Contact.MAX_ADDRESS_LENGTH
                    + " characters, not all blank");
        }
        return address;
    }

    /** The bytes of the base64 field {@code name}, which must decode to exactly {@code length} bytes. */
    byte[] base64(String message, String name, int length) throws HandshakeViolation {
        String text = text(name);
        byte[] bytes = null;
        if (text != null) {
            try {
                bytes = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException notBase64) {
                bytes = null;
            }
        }
        if (bytes == null || bytes.length != length) {
            throw new HandshakeViolation(message + " field '" + name + "' must be base64 of " + length + " bytes");
        }
        return bytes;
    }

    private String text(String name) {
        JsonNode value = present(name);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private JsonNode present(String name) {
        JsonNode value = frame.get(name);
        return value == null || value.isNull() ? null : value;
    }
}
