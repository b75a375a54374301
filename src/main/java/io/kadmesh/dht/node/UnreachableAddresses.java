package io.kadmesh.dht.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Addresses a request recently failed to reach (the dial failed, or no answer came over a fresh
 * dial), remembered for a while so that a lookup does not wait on the same dead or black-holed
 * address again: a poisoned {@code nodes} reply costs one RPC timeout per address, not one per
 * contact and lookup. Bounded: at most {@link #CAPACITY} addresses, the oldest forgotten first; each
 * is forgotten after {@link #MEMORY}, or as soon as a peer is heard from at it. Confined to the
 * node's scheduler.
 */
final class UnreachableAddresses {

    /** Most addresses remembered at once. */
    static final int CAPACITY = 1024;
    /** How long an address stays remembered as unreachable. */
    static final Duration MEMORY = Duration.ofSeconds(30);

    private final Clock clock;
    private final Map<String, Instant> failedAt = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > CAPACITY;
        }
    };

    UnreachableAddresses(Clock clock) {
        this.clock = clock;
    }

    /** Remembers that {@code address} could not be reached just now. */
    void failed(String address) {
        failedAt.remove(address);
        failedAt.put(address, clock.instant());
    }

    /** A peer answered at {@code address}: it is reachable again. */
    void reached(String address) {
        failedAt.remove(address);
    }

    /** Whether {@code address} failed within the last {@link #MEMORY}. */
    boolean isUnreachable(String address) {
        Instant at = failedAt.get(address);
        if (at == null) {
            return false;
        }
        if (at.plus(MEMORY).isAfter(clock.instant())) {
            return true;
        }
        failedAt.remove(address);
        return false;
    }

    /** How many addresses are remembered, expired ones not yet dropped included. */
    int size() {
        return failedAt.size();
    }
}
