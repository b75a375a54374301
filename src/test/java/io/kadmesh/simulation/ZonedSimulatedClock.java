package io.kadmesh.simulation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A {@link SimulatedTime} seen from another time zone: the same instants, other local times. */
final class ZonedSimulatedClock extends Clock {

    private final SimulatedTime time;
    private final ZoneId zone;

    ZonedSimulatedClock(SimulatedTime time, ZoneId zone) {
        this.time = time;
        this.zone = zone;
    }

    /** The zone this view shows. */
    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same simulated time in {@code newZone}. */
    @Override
    public Clock withZone(ZoneId newZone) {
        return time.withZone(newZone);
    }

    /** The simulation's current instant. */
    @Override
    public Instant instant() {
        return time.instant();
    }

    /** The simulation's current time in epoch milliseconds. */
    @Override
    public long millis() {
        return time.millis();
    }
}
