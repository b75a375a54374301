package io.kadmesh.dht.node;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalDouble;

import io.kadmesh.dht.lookup.LookupResult;

/**
 * What the core knows of its own usefulness to the DHT: when a lookup last reached other nodes, and
 * how long the recent ones took. Health checks and the live node read it from any thread.
 */
public final class Readiness {

    /** How many of the latest lookups that reached other nodes {@link #recentLookupMillis()} covers. */
    public static final int RECENT_LOOKUPS = 32;

    private final long[] recentMicros = new long[RECENT_LOOKUPS];
    private int recorded;
    private volatile Instant lastLookupSucceeded;

    /**
     * Notes a lookup that took {@code duration} and finished at {@code at}: it counts when it queried
     * others and found nodes besides this one.
     */
    void lookupFinished(LookupResult result, Duration duration, Instant at) {
        if (result.queries() > 0 && result.closest().size() > 1) {
            synchronized (recentMicros) {
                recentMicros[recorded++ % RECENT_LOOKUPS] = duration.toNanos() / 1000;
            }
            lastLookupSucceeded = at;
        }
    }

    /** When a lookup last reached other nodes, or null if none has yet. */
    public Instant lastLookupSucceeded() {
        return lastLookupSucceeded;
    }

    /**
     * The median time, in milliseconds, of the latest {@value #RECENT_LOOKUPS} lookups that reached
     * other nodes (this node's own and those it ran for REST or maintenance); empty before the first.
     */
    public OptionalDouble recentLookupMillis() {
        long[] durations;
        synchronized (recentMicros) {
            durations = Arrays.copyOf(recentMicros, Math.min(recorded, RECENT_LOOKUPS));
        }
        if (durations.length == 0) {
            return OptionalDouble.empty();
        }
        Arrays.sort(durations);
        int middle = durations.length / 2;
        double micros = durations.length % 2 == 1 ? durations[middle]
                : (durations[middle - 1] + durations[middle]) / 2.0;
        return OptionalDouble.of(micros / 1000.0);
    }
}
