package io.kadmesh.transport.handshake;

import java.util.Base64;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kadmesh.dht.NodeId;
import io.kadmesh.wire.ControlJson;

/**
 * Writes and reads the two handshake frames. Reading is strict about the fields the handshake uses
 * (a repeated field, trailing content or a wrong type is a violation) and ignores unknown ones, as the
 * rest of the protocol does. A hello's version is checked before its other fields, so a newer peer is
 * told about the version rather than about a field it changed.
 */
final class HandshakeFrames {

    /** Longest frame read before the handshake finishes; a hello is about 250 characters. */
    static final int MAX_FRAME_LENGTH = 4096;

    static final String HELLO = "hello";
    static final String HELLO_ACK = "hello_ack";

    private static final Pattern PRINTABLE_TYPE = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private static final ObjectMapper JSON = ControlJson.MAPPER;

    private HandshakeFrames() {
    }

    /** The hello frame announcing {@code hello}. */
    static String hello(HandshakeMessage.Hello hello) {
        Base64.Encoder base64 = Base64.getEncoder();
        ObjectNode frame = JSON.createObjectNode().put("type", HELLO)
                .put("protocolVersion", hello.protocolVersion())
                .put("nodeId", hello.nodeId().toHex())
                .put("publicKey", base64.encodeToString(hello.publicKey()))
                .put("nonce", base64.encodeToString(hello.nonce()))
                .put("address", hello.address());
        return write(frame);
    }

    /** The hello_ack frame carrying {@code signature}. */
    static String ack(byte[] signature) {
        return write(JSON.createObjectNode().put("type", HELLO_ACK)
                .put("signature", Base64.getEncoder().encodeToString(signature)));
    }

    /** The handshake message in {@code frame}; any other frame is a violation. */
    static HandshakeMessage decode(String frame) throws HandshakeViolation {
        HandshakeFields fields = new HandshakeFields(parse(frame));
        String type = fields.type();
        if (HELLO.equals(type)) {
            return hello(fields);
        }
        if (HELLO_ACK.equals(type)) {
            return new HandshakeMessage.HelloAck(fields.base64("hello_ack", "signature", 64));
        }
        throw new HandshakeViolation(describe(type) + " before the handshake finished");
    }

    private static HandshakeMessage.Hello hello(HandshakeFields fields) throws HandshakeViolation {
        int version = fields.protocolVersion();
        if (version != HandshakeTransport.PROTOCOL_VERSION) {
            throw new HandshakeViolation("unsupported protocol version " + version + " (this node speaks "
                    + HandshakeTransport.PROTOCOL_VERSION + ")");
        }
        return new HandshakeMessage.Hello(version, NodeId.fromHex(fields.nodeId()),
                fields.base64(HELLO, "publicKey", 32), fields.base64(HELLO, "nonce", 32), fields.address());
    }

    private static JsonNode parse(String frame) throws HandshakeViolation {
        if (frame.length() > MAX_FRAME_LENGTH) {
            throw new HandshakeViolation("frame longer than " + MAX_FRAME_LENGTH
                    + " characters before the handshake finished");
        }
        JsonNode root;
        try {
            root = JSON.readTree(frame);
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw new HandshakeViolation("malformed handshake frame: not one JSON object");
        }
        return root;
    }

    private static String describe(String type) {
        if (type == null) {
            return "a frame without a type";
        }
        return PRINTABLE_TYPE.matcher(type).matches() ? "a '" + type + "' frame" : "a frame of unknown type";
    }

    private static String write(ObjectNode frame) {
        try {
            return JSON.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }
}
