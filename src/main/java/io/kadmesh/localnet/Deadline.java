package io.kadmesh.localnet;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** A point in time a wait must not pass; every wait of this package is bounded by one. */
public final class Deadline {

    private final long startNanos;
    private final long endNanos;

    private Deadline(long startNanos, Duration timeout) {
        this.startNanos = startNanos;
        this.endNanos = startNanos + timeout.toNanos();
    }

    /** The deadline {@code timeout} from now; the timeout must be positive. */
    public static Deadline after(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must be set");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return new Deadline(System.nanoTime(), timeout);
    }

    /** Whether the deadline has passed. */
    public boolean expired() {
        return System.nanoTime() - endNanos >= 0;
    }

    /** Time left, zero once expired. */
    public Duration remaining() {
        long left = endNanos - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** Time since the deadline was set. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /**
     * Checks {@code condition} every {@code pollInterval} until it holds or the deadline passes.
     *
     * @return whether the condition held before the deadline
     */
    public boolean await(BooleanSupplier condition, Duration pollInterval) {
        Objects.requireNonNull(condition, "condition must be set");
        Objects.requireNonNull(pollInterval, "pollInterval must be set");
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (expired()) {
                return false;
            }
            pause(pollInterval);
        }
    }

    /**
     * Parks the calling thread for {@code pause}, or until the deadline if that comes first. Fails
     * when the thread is interrupted (it stays interrupted), so that no wait outlives a cancelled
     * caller, e.g. a test past its timeout.
     */
    public void pause(Duration pause) {
        long nanos = Math.min(pause.toNanos(), remaining().toNanos());
        if (nanos > 0) {
            LockSupport.parkNanos(nanos);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("interrupted while waiting, " + elapsed().toMillis() + " ms in");
        }
    }
}
