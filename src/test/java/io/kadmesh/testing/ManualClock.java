package io.kadmesh.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that only moves when a test moves it. Starts at {@link #START} in UTC. Copies made with
 * {@link #withZone} share the same time.
 */
public final class ManualClock extends Clock {

    /** Where every new manual clock starts. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /** A clock standing at {@link #START}. */
    public ManualClock() {
        this(START);
    }

    /** A clock standing at {@code start}. */
    public ManualClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start must be set")), ZoneOffset.UTC);
    }

    private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** Moves the clock forward by {@code step}, which must not be negative; returns the new time. */
    public Instant advance(Duration step) {
        Objects.requireNonNull(step, "step must be set");
        if (step.isNegative()) {
            throw new IllegalArgumentException("step must not be negative, got " + step);
        }
        return now.updateAndGet(t -> t.plus(step));
    }

    /** Puts the clock at {@code instant}, forward or back. */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant must be set"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new ManualClock(now, Objects.requireNonNull(newZone, "newZone must be set"));
    }
}
