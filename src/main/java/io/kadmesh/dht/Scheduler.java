package io.kadmesh.dht;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Where a node's work runs. Tasks run one at a time, in the order they were submitted, so the core
 * needs no locks; timers run on the same sequence. A simulation drives it with virtual time; a live
 * node backs it with one event-loop thread.
 */
public interface Scheduler extends Executor {

    /** Runs {@code task} once, after {@code delay}, unless cancelled first. */
    Timer schedule(Duration delay, Runnable task);

    /** A pending task. */
    @FunctionalInterface
    interface Timer {
        /** Stops the task from running; harmless if it ran already. */
        void cancel();
    }
}
