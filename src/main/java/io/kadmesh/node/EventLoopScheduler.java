package io.kadmesh.node;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import io.kadmesh.dht.Scheduler;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;

/**
 * The live node's scheduler: one Netty event loop runs every task of the DHT core in order, timers
 * included. A task that throws is logged and the loop goes on.
 * <p>
 * A node runs on the Vert.x event loop that also carries its connections ({@link #on}), so a frame
 * that arrives is handled, and its reply written, on the thread that read it: no hand-off to another
 * thread and back for each message. A loop of its own ({@link #EventLoopScheduler(String)}) serves
 * peers that tests build beside a node.
 */
public final class EventLoopScheduler implements Scheduler, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventLoopScheduler.class);

    private final EventExecutor loop;
    private final AtomicReference<Thread> ownThread;
    private volatile boolean closed;
    private volatile boolean dropQueued;

    private EventLoopScheduler(EventExecutor loop, AtomicReference<Thread> ownThread) {
        this.loop = loop;
        this.ownThread = ownThread;
    }

    /** A loop of its own, on a daemon thread called {@code name}; {@link #close} ends the thread. */
    public EventLoopScheduler(String name) {
        this(new AtomicReference<>(), name);
    }

    private EventLoopScheduler(AtomicReference<Thread> thread, String name) {
        this(new DefaultEventExecutor(namedDaemon(name, thread)), thread);
    }

    /**
     * Tasks run on {@code loop}, which others share (the Vert.x event loop of the node's
     * connections): {@link #close} stops this scheduler's tasks and timers, and leaves the loop running.
     */
    public static EventLoopScheduler on(EventExecutor loop) {
        return new EventLoopScheduler(loop, null);
    }

    private static ThreadFactory namedDaemon(String name, AtomicReference<Thread> made) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            made.set(thread);
            return thread;
        };
    }

    /** Queues {@code task} behind every task queued before it; dropped once the scheduler is closed. */
    @Override
    public void execute(Runnable task) {
        if (!closed) {
            loop.execute(() -> {
                if (!dropQueued) {
                    run(task);
                }
            });
        }
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        if (closed) {
            return () -> {
            };
        }
        var future = loop.schedule(() -> {
            if (!closed) {
                run(task);
            }
        }, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
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
     * Ends the scheduler in order: takes no new task, drops the timers not yet due, runs every task
     * already queued, and waits up to {@code grace} for them. Returns whether they all ran in time.
     * On a loop of its own, the tasks still queued then are dropped and the running one is
     * interrupted. Called on the loop itself, it cannot wait: the queued tasks run after the caller's.
     */
    public boolean close(Duration grace) {
        closed = true;
        if (loop.inEventLoop()) {
            return true;
        }
        if (loop.isShuttingDown()) {
            return loop.isTerminated();
        }
        CompletableFuture<Void> drained = new CompletableFuture<>();
        loop.execute(() -> drained.complete(null));
        boolean ran = awaitDrained(drained, grace);
        if (!ran) {
            dropQueued = true;
        }
        if (ownThread != null) {
            if (!ran && ownThread.get() != null) {
                ownThread.get().interrupt();
            }
            loop.shutdownGracefully(0, 0, TimeUnit.NANOSECONDS);
        }
        return ran;
    }

    private static boolean awaitDrained(CompletableFuture<Void> drained, Duration grace) {
        try {
            drained.get(Math.max(0, grace.toNanos()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ends the scheduler at once: no queued task of it runs after this returns, unless already running. */
    @Override
    public void close() {
        closed = true;
        dropQueued = true;
        if (ownThread != null) {
            loop.shutdownGracefully(0, 0, TimeUnit.NANOSECONDS);
        }
    }
}
