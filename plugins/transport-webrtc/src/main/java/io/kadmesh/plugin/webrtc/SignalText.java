package io.kadmesh.plugin.webrtc;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The text of a signal this node sends a peer: {@code {"kind": ..., fields...}}. */
final class SignalText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SignalText() {
    }

    /** Longest text of a peer's that this node repeats in its own errors. */
    private static final int MAX_QUOTED = 200;

    /** {@code text} as far as it may be repeated in an error: a peer's words, bounded. */
    static String shortened(String text) {
        return text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "..." : text;
    }

    static String of(String kind, Map<String, Object> fields) {
        ObjectNode signal = JSON.createObjectNode().put("kind", kind);
        fields.forEach((name, value) -> signal.set(name, JSON.valueToTree(value)));
        return signal.toString();
    }
}
