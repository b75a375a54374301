package io.kadmesh.bench;

import java.util.Arrays;
import java.util.Collection;

/** A set of measurements and the figures a benchmark prints of it. */
public final class Sample {

    private final double[] sorted;

    private Sample(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("values must not be empty");
        }
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    /** A sample of {@code values}; at least one. */
    public static Sample of(double... values) {
        return new Sample(values);
    }

    /** A sample of {@code values}; at least one. */
    public static Sample of(Collection<? extends Number> values) {
        return new Sample(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    /** The smallest value. */
    public double min() {
        return sorted[0];
    }

    /** The largest value. */
    public double max() {
        return sorted[sorted.length - 1];
    }

    /** The arithmetic mean. */
    public double mean() {
        return Arrays.stream(sorted).average().orElseThrow();
    }

    /** The median: the middle value, or the mean of the two middle ones. */
    public double median() {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The nearest-rank {@code percent} percentile (0 < percent <= 100). */
    public double percentile(double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be in (0, 100], got " + percent);
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** How many values it holds. */
    public int size() {
        return sorted.length;
    }
}
