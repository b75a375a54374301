package io.kadmesh.plugin.webrtc;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The text of a signal this node sends a browser: {@code {"kind": ..., fields...}}. */
final class SignalText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SignalText() {
    }

    static String of(String kind, Map<String, Object> fields) {
        ObjectNode signal = JSON.createObjectNode().put("kind", kind);
        fields.forEach((name, value) -> signal.set(name, JSON.valueToTree(value)));
        return signal.toString();
    }
}
