package io.kadmesh.transport;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * What one peer's circuit breaker last told of its state through SmallRye Fault Tolerance's
 * state-change callback, and the address last dialed through it. Holds nothing while the breaker is
 * closed but that address. Safe from any thread: the breaker calls {@link #changed} on whichever
 * thread moved it, its timer's included.
 */
final class BreakerWatch {

    private final Clock clock;
    private volatile String address;
    private volatile Opening opening;

    /** Since when the breaker has been in {@code state}, one of those of {@link OpenCircuitBreaker}. */
    private record Opening(String state, Instant since) {
    }

    /** A watch on a breaker that is closed, as a new one is, timed by {@code clock}. */
    BreakerWatch(Clock clock) {
        this.clock = clock;
    }

    /** A dial to {@code address} goes through the breaker. */
    void dialing(String address) {
        this.address = address;
    }

    /** The breaker moved to {@code state}: given to the guard's builder as its state-change callback. */
    void changed(CircuitBreakerState state) {
        opening = switch (state) {
            case CLOSED -> null;
            case OPEN -> new Opening(OpenCircuitBreaker.OPEN, clock.instant());
            case HALF_OPEN -> new Opening(OpenCircuitBreaker.HALF_OPEN, clock.instant());
        };
    }

    /** The breaker of {@code peer} as it is now, or empty while it is closed. */
    Optional<OpenCircuitBreaker> open(String peer) {
        Opening now = opening;
        return now == null ? Optional.empty()
                : Optional.of(new OpenCircuitBreaker(peer, address, now.state(), now.since()));
    }
}
