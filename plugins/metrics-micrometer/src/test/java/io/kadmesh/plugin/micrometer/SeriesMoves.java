package io.kadmesh.plugin.micrometer;

import static io.kadmesh.testing.LinkTally.BYTES;
import static io.kadmesh.testing.LinkTally.MESSAGES;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.kadmesh.plugin.micrometer.PrometheusParser.Sample;
import io.kadmesh.testing.LinkTally;

/** How far the node's byte and message series moved between two scrapes, keyed as a {@link LinkTally}. */
final class SeriesMoves {

    private SeriesMoves() {
    }

    /**
     * How far the node's series moved from {@code before} to {@code after} (two scrapes), over all its
     * transports, under the same keys as {@link LinkTally#counts()}; series that did not move are left out.
     */
    static Map<String, Long> between(List<Sample> before, List<Sample> after) {
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
                case BYTES -> LinkTally.bytesKey(direction);
                case MESSAGES -> LinkTally.messagesKey(direction, sample.labels().get("type"));
                default -> null;
            };
            if (key != null) {
                into.merge(key, sign * (long) sample.value(), Long::sum);
            }
        }
    }
}
