package io.kadmesh.simulation;

import io.kadmesh.dht.Scheduler;

/**
 * One task waiting in simulated time; its place in line is kept by the {@link EventQueue}.
 * Cancelling only forgets the task: the event stays queued until its turn and is then skipped, so
 * cancelling costs nothing.
 */
final class ScheduledEvent implements Scheduler.Timer {

    private Runnable task;

    ScheduledEvent(Runnable task) {
        this.task = task;
    }

    /** Forgets the task; harmless once it ran. */
    @Override
    public void cancel() {
        task = null;
    }

    /** Whether the task still has to run. */
    boolean isPending() {
        return task != null;
    }

    /** Hands out the task exactly once, so a later cancel is harmless and the task can be collected. */
    Runnable takeTask() {
        Runnable taken = task;
        task = null;
        return taken;
    }
}
