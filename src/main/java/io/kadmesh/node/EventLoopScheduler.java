package io.kadmesh.node;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.kadmesh.dht.Scheduler;

/**
 * The live node's scheduler: one daemon thread runs every task of the DHT core in order, timers
 * included. A task that throws is logged and the loop goes on.
 */
public final class EventLoopScheduler implements Scheduler, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventLoopScheduler.class);

    private final ScheduledThreadPoolExecutor executor;

    /** A loop whose thread is called {@code name}. */
    public EventLoopScheduler(String name) {
        executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public void execute(Runnable task) {
        if (!executor.isShutdown()) {
            executor.execute(() -> run(task));
        }
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        if (executor.isShutdown()) {
            return () -> {
            };
        }
        var future = executor.schedule(() -> run(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("a node task failed; the node goes on", e);
        }
    }

    /**
     * Ends the loop in order: takes no new task, drops the timers not yet due, runs every task already
     * queued, and waits up to {@code grace} for them. Returns whether they all ran in time; those
     * still queued then are dropped and the running one is interrupted.
     */
    public boolean close(Duration grace) {
        executor.shutdown();
        try {
            if (executor.awaitTermination(Math.max(0, grace.toNanos()), TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        return false;
    }

    /** Ends the loop at once, dropping every queued task. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
