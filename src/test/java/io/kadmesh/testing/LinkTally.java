package io.kadmesh.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kadmesh.spi.metrics.Direction;
import io.kadmesh.spi.metrics.MessageType;

/**
 * What crossed one link after its handshake, counted by the far end in the node's own terms: a frame the
 * far end sent is one the node received ({@link Direction#IN}). Kept under the series of {@code /q/metrics}
 * it should move: {@code kadmesh_transfer_bytes_total} by direction, in UTF-8 bytes, and
 * {@code kadmesh_messages_total} by direction and type, in frames. The type is the frame's JSON
 * {@code type} field; {@code invalid} for a frame that is not a JSON object with one. Thread-safe.
 */
public final class LinkTally {

    /** The series of the bytes. */
    public static final String BYTES = "kadmesh_transfer_bytes_total";
    /** The series of the frames. */
    public static final String MESSAGES = "kadmesh_messages_total";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Long> counts = new TreeMap<>();
    private final long[] chars = new long[Direction.values().length];
    private final long[] frames = new long[Direction.values().length];

    /** Counts {@code frame}, which went {@code direction} seen from the node. */
    synchronized void count(Direction direction, String frame) {
        counts.merge(bytesKey(direction.label()), (long) frame.getBytes(StandardCharsets.UTF_8).length, Long::sum);
        counts.merge(messagesKey(direction.label(), typeOf(frame).label()), 1L, Long::sum);
        chars[direction.ordinal()] += frame.length();
        frames[direction.ordinal()]++;
    }

    /** The counts so far, by series. */
    public synchronized Map<String, Long> counts() {
        return new TreeMap<>(counts);
    }

    /** The UTF-8 bytes counted so far {@code direction}. */
    public synchronized long bytes(Direction direction) {
        return counts.getOrDefault(bytesKey(direction.label()), 0L);
    }

    /** The characters (UTF-16 units) of the frames counted so far {@code direction}. */
    public synchronized long chars(Direction direction) {
        return chars[direction.ordinal()];
    }

    /** The frames counted so far {@code direction}. */
    public synchronized long frames(Direction direction) {
        return frames[direction.ordinal()];
    }

    /** The key of the bytes counted {@code direction} ({@code in} or {@code out}), in {@link #counts()}. */
    public static String bytesKey(String direction) {
        return BYTES + "{direction=\"" + direction + "\"}";
    }

    /** The key of the frames of {@code type} counted {@code direction}, in {@link #counts()}. */
    public static String messagesKey(String direction, String type) {
        return MESSAGES + "{direction=\"" + direction + "\",type=\"" + type + "\"}";
    }

    /** The frame's message type, from its JSON {@code type} field; {@code invalid} when it has none. */
    static MessageType typeOf(String frame) {
        try {
            JsonNode message = JSON.readTree(frame);
            JsonNode type = message == null ? null : message.get("type");
            return type != null && type.isTextual() ? MessageType.ofWire(type.textValue()) : MessageType.INVALID;
        } catch (JsonProcessingException e) {
            return MessageType.INVALID;
        }
    }
}
