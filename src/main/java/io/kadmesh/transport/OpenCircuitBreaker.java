package io.kadmesh.transport;

import java.time.Instant;

/**
 * A peer's circuit breaker that is not closed, as the breaker itself last reported its state: open
 * (it refuses every dial to the peer until its delay has passed) or half-open (its delay has passed,
 * and the next dial is the trial that closes it again or opens it anew).
 *
 * @param peer the peer the breaker guards: its node id when the dials named it, its address otherwise
 * @param address the address last dialed through the breaker
 * @param state {@value #OPEN} or {@value #HALF_OPEN}
 * @param since when the breaker entered that state
 */
public record OpenCircuitBreaker(String peer, String address, String state, Instant since) {

    /** The state of a breaker that refuses every dial. */
    public static final String OPEN = "open";

    /** The state of a breaker whose delay has passed: the next dial is its trial. */
    public static final String HALF_OPEN = "half-open";
}
