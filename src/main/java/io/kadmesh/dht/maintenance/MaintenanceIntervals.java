package io.kadmesh.dht.maintenance;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a node checks on its contacts and records, besides the paper's refresh and
 * replication periods in {@link io.kadmesh.dht.KademliaParameters}.
 *
 * @param ping a bucket's least recently seen contact is pinged once it has been silent this long
 * @param staleCleanup how often expired records are dropped
 */
public record MaintenanceIntervals(Duration ping, Duration staleCleanup) {

    /** A minute between liveness checks, expired records dropped every five minutes. */
    public static final MaintenanceIntervals DEFAULTS = new MaintenanceIntervals(Duration.ofMinutes(1),
            Duration.ofMinutes(5));

    public MaintenanceIntervals {
        positive(ping, "ping");
        positive(staleCleanup, "staleCleanup");
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name + " must be set");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
