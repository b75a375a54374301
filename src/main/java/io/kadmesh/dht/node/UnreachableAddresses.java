package io.kadmesh.dht.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Addresses a request recently failed to reach (the dial failed, or no link came up within the RPC
 * timeout), remembered for a while so that a lookup does not wait on the same dead or black-holed
 * address again: a poisoned {@code nodes} reply costs one RPC timeout per address, not one per
 * contact and lookup. A dial that failed outright (refused, no such host, a failed handshake) is
 * remembered for {@link #FIRST_MEMORY}, twice as long for each such failure in a row, up to
 * {@link #LONGEST_MEMORY}, so an address that keeps refusing is left alone for longer. A dial that
 * only hung is remembered for {@link #HUNG_MEMORY} each time: a live node still starting, or on a
 * loaded machine, looks the same for a while and must soon be tried again. Bounded: at most {@link #CAPACITY} addresses, the
 * oldest forgotten first; an address is forgotten as soon as a peer is heard from at it. Confined to
 * the node's scheduler.
 */
final class UnreachableAddresses {

    /** Most addresses remembered at once. */
    static final int CAPACITY = 1024;
    /** How long an address stays remembered after its dial first failed outright. */
    static final Duration FIRST_MEMORY = Duration.ofSeconds(5);
    /** How long an address stays remembered after a dial to it hung. */
    static final Duration HUNG_MEMORY = Duration.ofSeconds(3);
    /** The longest an address stays remembered, however often it failed. */
    static final Duration LONGEST_MEMORY = Duration.ofSeconds(60);

    private final Clock clock;
    private final Map<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > CAPACITY;
        }
    };

    UnreachableAddresses(Clock clock) {
        this.clock = clock;
    }

    /**
     * Remembers that {@code address} could not be reached just now: {@code refused} when its dial
     * failed outright, not when it only went unanswered.
     */
    void failed(String address, boolean refused) {
        Failures earlier = failures.remove(address);
        int inARow = refused && earlier != null ? earlier.inARow() + 1 : 1;
        Duration memory = refused ? memory(inARow) : HUNG_MEMORY;
        failures.put(address, new Failures(clock.instant().plus(memory), refused ? inARow : 0));
    }

    /** A peer answered at {@code address}: it is reachable again. */
    void reached(String address) {
        failures.remove(address);
    }

    /** Whether {@code address} failed recently enough to be left alone now. */
    boolean isUnreachable(String address) {
        Failures known = failures.get(address);
        return known != null && known.until().isAfter(clock.instant());
    }

    /** How many addresses are remembered, expired ones not yet dropped included. */
    int size() {
        return failures.size();
    }

    private static Duration memory(int inARow) {
        Duration memory = FIRST_MEMORY.multipliedBy(1L << Math.min(inARow - 1, 16));
        return memory.compareTo(LONGEST_MEMORY) > 0 ? LONGEST_MEMORY : memory;
    }

    /** Until when an address is left alone, and how many times in a row its dial failed outright. */
    private record Failures(Instant until, int inARow) {
    }
}
