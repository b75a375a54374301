package io.kadmesh.signaling;

import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kadmesh.dht.NodeId;

/**
 * The frames of WebRTC signaling between browsers (docs/protocol.md, "Signaling"): what a browser
 * sends its node, {@code {"type":"signal","to":<id>,"session":<id>,"signal":{...}}}; what the node
 * passes on, the same with {@code from}, the sender the link proved, in place of {@code to}; and the
 * {@code signal_error} a sender gets when its signal goes nowhere. Every field is checked as it is read.
 */
final class SignalFrames {

    /** Signaling frames begin with exactly this: the DHT's codec never sees them. */
    static final String SIGNAL_PREFIX = "{\"type\":\"signal\"";
    /** Longest signaling frame, in characters: room for an SDP offer with its candidates. */
    static final int MAX_FRAME_CHARS = 32 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private SignalFrames() {
    }

    /** Whether {@code frame} is a signaling frame; cheap, for every frame. */
    static boolean isSignal(String frame) {
        return frame.startsWith(SIGNAL_PREFIX);
    }

    /** One browser's signal for another, as read from its frame. */
    record Signal(String to, String session, JsonNode signal) {
    }

    /** The signal {@code frame} carries, or a refusal naming what is wrong with it. */
    static Signal read(String frame) throws SignalRefused {
        if (frame.length() > MAX_FRAME_CHARS) {
            throw new SignalRefused(null, null, "signal frame is " + frame.length() + " characters, the limit is "
                    + MAX_FRAME_CHARS);
        }
        JsonNode root;
        try {
            root = JSON.readTree(frame);
        } catch (JsonProcessingException e) {
            throw new SignalRefused(null, null, "signal frame is not a JSON object");
        }
        String session = text(root, "session");
        if (session == null || !SESSION.matcher(session).matches()) {
            throw new SignalRefused(null, null, "field 'session' must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -");
        }
        String to = text(root, "to");
        if (!NodeId.isHex(to)) {
            throw new SignalRefused(session, null, "field 'to' must be 40 hex digits");
        }
        JsonNode signal = root.get("signal");
        if (signal == null || !signal.isObject()) {
            throw new SignalRefused(session, to, "field 'signal' must be a JSON object");
        }
        return new Signal(to.toLowerCase(Locale.ROOT), session, signal);
    }

    /** The frame that hands {@code signal} to its recipient, from the peer {@code from} the sender's link proved. */
    static String forwarded(String from, Signal signal) {
        ObjectNode frame = JSON.createObjectNode().put("type", "signal").put("from", from)
                .put("session", signal.session());
        frame.set("signal", signal.signal());
        return frame.toString();
    }

    /** The frame that hands this node's own signal, the text of a JSON object, to a browser. */
    static String forwarded(String from, String session, String signal) {
        try {
            return forwarded(from, new Signal(null, session, JSON.readTree(signal)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a signal is a JSON object's text", e);
        }
    }

    /** The answer to a signal that went nowhere. */
    static String error(SignalRefused refused) {
        return JSON.createObjectNode().put("type", "signal_error").put("session", refused.session())
                .put("to", refused.to()).put("message", refused.getMessage()).toString();
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
