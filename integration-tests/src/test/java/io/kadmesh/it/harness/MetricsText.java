package io.kadmesh.it.harness;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node's {@code /q/metrics} answer, read for the few figures the ITs follow: a sample's value by
 * family name, and a family's samples summed. (Whether the text is valid Prometheus exposition is
 * checked with a real parser in the metrics plugin's own tests.)
 */
public record MetricsText(String text) {

    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");

    /** The value of the unlabelled sample {@code name}, if there is one. */
    public Optional<Double> value(String name) {
        Matcher sample = SAMPLE.matcher(text);
        while (sample.find()) {
            if (sample.group(1).equals(name) && sample.group(2) == null) {
                return Optional.of(Double.parseDouble(sample.group(3)));
            }
        }
        return Optional.empty();
    }

    /** The sum of every sample of {@code name}, whatever its labels; 0 when there is none. */
    public double sum(String name) {
        double sum = 0;
        Matcher sample = SAMPLE.matcher(text);
        while (sample.find()) {
            if (sample.group(1).equals(name)) {
                sum += Double.parseDouble(sample.group(3));
            }
        }
        return sum;
    }
}
