package io.kadmesh.plugin.micrometer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.kadmesh.plugin.micrometer.PrometheusParser.Sample;
import io.kadmesh.spi.metrics.Direction;
import io.kadmesh.spi.metrics.MessageType;
import io.kadmesh.spi.metrics.RpcOutcome;
import io.kadmesh.spi.transport.Phase;

/**
 * The labels a {@code kadmesh_} series may carry: each key from an allow-list, each value from a bounded
 * set, taken from the metrics SPI's enums, the node's transports and the config in force. A histogram's
 * {@code le} (on its {@code _bucket} samples only) and a summary's {@code quantile} must be numbers. Any
 * other label, or value, is one a series could be cut by without bound: a peer id, an address, a key.
 */
final class BoundedLabels {

    private static final String PREFIX = "kadmesh_";
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?|[-+]Inf");

    private final Map<String, Set<String>> values;

    private BoundedLabels(Map<String, Set<String>> values) {
        this.values = values;
    }

    /**
     * The bounds of a node whose transports are {@code transports}, running config commit {@code commit}
     * ({@code none} for the settings built in) of profile {@code profile}.
     */
    static BoundedLabels of(Collection<String> transports, String commit, String profile) {
        Map<String, Set<String>> values = new TreeMap<>();
        values.put("transport", Set.copyOf(transports));
        values.put("manager", Set.copyOf(transports));
        values.put("direction", labels(Direction.values(), Direction::label));
        values.put("type", labels(MessageType.values(), MessageType::label));
        values.put("outcome", labels(RpcOutcome.values(), RpcOutcome::label));
        values.put("phase", labels(Phase.values(), phase -> phase.name().toLowerCase(Locale.ROOT)));
        values.put("commit", Set.of(commit));
        values.put("profile", Set.of(profile));
        return new BoundedLabels(values);
    }

    /** Every label of a {@code kadmesh_} sample that is out of bounds, with the reason; empty when none is. */
    List<String> violations(List<Sample> samples) {
        List<String> violations = new ArrayList<>();
        for (Sample sample : samples) {
            if (!sample.name().startsWith(PREFIX)) {
                continue;
            }
            sample.labels().forEach((key, value) -> {
                String why = why(sample.name(), key, value);
                if (why != null) {
                    violations.add(sample.name() + sample.labels() + ": " + why);
                }
            });
        }
        return violations;
    }

    /** Why the label {@code key="value"} may not sit on sample {@code name}; null when it may. */
    private String why(String name, String key, String value) {
        if (key.equals("le")) {
            return name.endsWith("_bucket") && number(value) ? null : "le is a number, and only on a _bucket sample";
        }
        if (key.equals("quantile")) {
            return number(value) && !value.endsWith("Inf") && Double.parseDouble(value) >= 0
                    && Double.parseDouble(value) <= 1 ? null : "quantile is a number from 0 to 1";
        }
        Set<String> allowed = values.get(key);
        if (allowed == null) {
            return "label " + key + " is not one of " + values.keySet() + ", le, quantile";
        }
        return allowed.contains(value) ? null
                : key + "=\"" + value + "\" is not one of " + allowed.stream().sorted().toList();
    }

    /** Whether {@code value} is a number as the exposition format writes one: a decimal, {@code +Inf}, {@code -Inf}. */
    private static boolean number(String value) {
        return NUMBER.matcher(value).matches();
    }

    private static <E> Set<String> labels(E[] constants, Function<E, String> label) {
        return Arrays.stream(constants).map(label).collect(Collectors.toUnmodifiableSet());
    }
}
