package io.kadmesh.plugin.webrtc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kadmesh.spi.transport.CloseCodes;

/**
 * The last frame on a DataChannel, from the side that closes it: {@code {"type":"close","code":1000,
 * "reason":"..."}}, what a WebSocket's close frame carries, which a DataChannel has no room for. A
 * close frame that cannot be read still closes the link, as a protocol error.
 */
final class CloseFrame {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "{\"type\":\"close\"";
    /** Longest reason kept, as a WebSocket close frame allows (123 bytes, less for non-ASCII text). */
    private static final int MAX_REASON = 123;

    private CloseFrame() {
    }

    /** A close code and reason, as read. */
    record Read(int code, String reason) {
    }

    static boolean isClose(String frame) {
        return frame.startsWith(PREFIX);
    }

    static String of(int code, String reason) {
        String kept = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        return JSON.createObjectNode().put("type", "close").put("code", code).put("reason", kept).toString();
    }

    static Read read(String frame) {
        try {
            JsonNode close = JSON.readTree(frame);
            int code = close.path("code").asInt(0);
            String reason = close.path("reason").asText("");
            if (code >= 1000 && code <= 4999 && reason.length() <= MAX_REASON) {
                return new Read(code, reason);
            }
        } catch (Exception e) {
            // read as unreadable below
        }
        return new Read(CloseCodes.PROTOCOL_ERROR, "unreadable close frame");
    }
}
