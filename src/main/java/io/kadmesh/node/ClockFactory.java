package io.kadmesh.node;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one clock of the process: every bean that reads the time injects it, so tests can set it. */
public class ClockFactory {

    /** The system clock, in UTC. */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
