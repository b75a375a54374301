package io.kadmesh.simulation;

import java.util.Arrays;
import java.util.List;

/**
 * Figures over a batch of simulated lookups.
 *
 * @param lookups how many ran
 * @param correct how many returned exactly the true k closest live nodes
 * @param meanHops the mean of the lookups' hop counts
 * @param p99Hops the 99th percentile hop count
 * @param maxHops the largest hop count
 * @param meanQueries the mean number of queries a lookup sent to other nodes
 * @param meanMillis the mean lookup time in virtual milliseconds
 * @param p99Millis the 99th percentile lookup time in virtual milliseconds
 */
public record LookupStatistics(int lookups, int correct, double meanHops, int p99Hops, int maxHops, double meanQueries,
        double meanMillis, long p99Millis) {

    /** The figures of {@code outcomes}; there must be at least one. */
    public static LookupStatistics of(List<Simulation.LookupOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException("outcomes must not be empty");
        }
        int[] hops = outcomes.stream().mapToInt(Simulation.LookupOutcome::hops).sorted().toArray();
        long[] millis = outcomes.stream().mapToLong(outcome -> outcome.duration().toMillis()).sorted().toArray();
        int correct = (int) outcomes.stream().filter(Simulation.LookupOutcome::correct).count();
        return new LookupStatistics(outcomes.size(), correct, Arrays.stream(hops).average().orElse(0),
                hops[percentileIndex(hops.length)], hops[hops.length - 1],
                outcomes.stream().mapToInt(Simulation.LookupOutcome::queries).average().orElse(0),
                Arrays.stream(millis).average().orElse(0),
                millis[percentileIndex(millis.length)]);
    }

    private static int percentileIndex(int length) {
        return Math.min(length - 1, (int) Math.ceil(length * 0.99) - 1);
    }
}
