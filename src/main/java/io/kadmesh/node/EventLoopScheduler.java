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

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
