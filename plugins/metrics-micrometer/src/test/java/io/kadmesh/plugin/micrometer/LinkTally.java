package io.kadmesh.plugin.micrometer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kadmesh.plugin.micrometer.PrometheusParser.Sample;
import io.kadmesh.spi.metrics.Direction;
import io.kadmesh.spi.metrics.MessageType;

/**
 * What crossed one link after its handshake, counted by the far end in the node's own terms: a frame the
 * far end sent is one the node received ({@link Direction#IN}). Kept under the series of {@code /q/metrics}
 * it should move: {@code kadmesh_transfer_bytes_total} by direction, in UTF-8 bytes, and
 * {@code kadmesh_messages_total} by direction and type, in frames. The type is the frame's JSON
 * {@code type} field; {@code invalid} for a frame that is not a JSON object with one. Thread-safe.
 */
final class LinkTally {

    static final String BYTES = "kadmesh_transfer_bytes_total";
    static final String MESSAGES = "kadmesh_messages_total";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Long> counts = new TreeMap<>();
    private final long[] chars = new long[Direction.values().length];

    /** Counts {@code frame}, which went {@code direction} seen from the node. */
    synchronized void count(Direction direction, String frame) {
        counts.merge(bytesKey(direction.label()), (long) frame.getBytes(StandardCharsets.UTF_8).length, Long::sum);
        counts.merge(messagesKey(direction.label(), typeOf(frame).label()), 1L, Long::sum);
        chars[direction.ordinal()] += frame.length();
    }

    /** The counts so far, by series. */
    synchronized Map<String, Long> counts() {
        return new TreeMap<>(counts);
    }

    /** The UTF-8 bytes counted so far {@code direction}. */
    synchronized long bytes(Direction direction) {
        return counts.getOrDefault(bytesKey(direction.label()), 0L);
    }

    /** The characters (UTF-16 units) of the frames counted so far {@code direction}. */
    synchronized long chars(Direction direction) {
        return chars[direction.ordinal()];
    }

    /**
     * How far the node's series moved from {@code before} to {@code after} (two scrapes), over all its
     * transports, under the same keys as {@link #counts()}; series that did not move are left out.
     */
    static Map<String, Long> moved(List<Sample> before, List<Sample> after) {
        Map<String, Long> moved = new TreeMap<>();
        add(moved, after, 1);
        add(moved, before, -1);
        moved.values().removeIf(delta -> delta == 0);
        return moved;
    }

    private static void add(Map<String, Long> into, List<Sample> samples, int sign) {
        for (Sample sample : samples) {
            String direction = sample.labels().get("direction");
            String key = switch (sample.name()) {
                case BYTES -> bytesKey(direction);
                case MESSAGES -> messagesKey(direction, sample.labels().get("type"));
                default -> null;
            };
            if (key != null) {
                into.merge(key, sign * (long) sample.value(), Long::sum);
            }
        }
    }

    private static String bytesKey(String direction) {
        return BYTES + "{direction=\"" + direction + "\"}";
    }

    private static String messagesKey(String direction, String type) {
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
