package io.kadmesh.signaling;

import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kadmesh.dht.NodeId;

/**
 * The frames of the WebSocket relay between two browsers (docs/protocol.md, "Relay"): a browser's
 * {@code relay_open}, {@code relay} and {@code relay_close} naming its peer in {@code to}; the node's
 * {@code relay_ready}, {@code relay} and {@code relay_closed} naming the other side in {@code peer} or
 * {@code from}; and {@code relay_error}.
 */
final class RelayFrames {

    /** Relay frames begin with exactly this. */
    static final String PREFIX = "{\"type\":\"relay";
    /** Longest data a relayed frame carries, in characters: the DHT's frame limit. */
    static final int MAX_DATA_CHARS = 262_144;

    private static final ObjectMapper JSON = new ObjectMapper();

    private RelayFrames() {
    }

    /** Whether {@code frame} is a relay frame; cheap, for every frame. */
    static boolean isRelay(String frame) {
        return frame.startsWith(PREFIX);
    }

    /** What a browser asks of the relay: its type, the peer, and for {@code relay} the data. */
    record Request(String type, String to, String data) {
    }

    /** The request {@code frame} carries, or a refusal naming what is wrong with it. */
    static Request read(String frame) throws SignalRefused {
        if (frame.length() > MAX_DATA_CHARS + 512) {
            throw new SignalRefused(null, null, "relay frame is " + frame.length() + " characters, the limit is "
                    + (MAX_DATA_CHARS + 512));
        }
        JsonNode root;
        try {
            root = JSON.readTree(frame);
        } catch (JsonProcessingException e) {
            throw new SignalRefused(null, null, "relay frame is not a JSON object");
        }
        String type = root.path("type").asText();
        if (!type.equals("relay_open") && !type.equals("relay") && !type.equals("relay_close")) {
            throw new SignalRefused(null, null, "unknown relay frame type '" + type.substring(0, Math.min(40, type.length()))
                    + "'");
        }
        JsonNode to = root.get("to");
        if (to == null || !to.isTextual() || !NodeId.isHex(to.textValue())) {
            throw new SignalRefused(null, null, "field 'to' must be 40 hex digits");
        }
        String peer = to.textValue().toLowerCase(Locale.ROOT);
        JsonNode data = root.get("data");
        if (type.equals("relay") && (data == null || !data.isTextual())) {
            throw new SignalRefused(null, peer, "field 'data' must be a string");
        }
        return new Request(type, peer, type.equals("relay") ? data.textValue() : null);
    }

    /** The frame that hands relayed {@code data} to its recipient, from {@code from}. */
    static String relayed(String from, String data) {
        return JSON.createObjectNode().put("type", "relay").put("from", from).put("data", data).toString();
    }

    /** {@code relay_ready} or {@code relay_closed}, naming the other side. */
    static String state(String type, String peer) {
        return JSON.createObjectNode().put("type", type).put("peer", peer).toString();
    }

    /** The answer to a relay request refused. */
    static String error(SignalRefused refused) {
        return JSON.createObjectNode().put("type", "relay_error").put("to", refused.to())
                .put("message", refused.getMessage()).toString();
    }
}
