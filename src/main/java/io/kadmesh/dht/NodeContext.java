package io.kadmesh.dht;

import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What a node takes from its host: the time, where its work runs, and its randomness. A simulation
 * passes virtual time and a seeded generator; a live node passes the system clock and an event loop.
 */
public record NodeContext(Clock clock, Scheduler scheduler, RandomGenerator random) {

    public NodeContext {
        Objects.requireNonNull(clock, "clock must be set");
        Objects.requireNonNull(scheduler, "scheduler must be set");
        Objects.requireNonNull(random, "random must be set");
    }
}
