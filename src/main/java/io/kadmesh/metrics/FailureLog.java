package io.kadmesh.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

/**
 * Logs failures of the metrics plugin at most once per interval, so that a plugin failing on every
 * frame cannot flood the log: each line says how many failures went unlogged since the one before.
 */
final class FailureLog {

    private static final Logger LOG = Logger.getLogger(GuardedMetrics.class);

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong nextLineAt;
    private final AtomicLong unlogged = new AtomicLong();

    /** Logs at most once per {@code interval}, timed by {@code nanoTime} (as {@link System#nanoTime}). */
    FailureLog(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.nextLineAt = new AtomicLong(nanoTime.getAsLong());
    }

    /**
     * Logs the failure of plugin method {@code call}, the {@code run}th in a row, unless a line was
     * logged less than an interval ago; returns whether it logged.
     */
    boolean failed(String plugin, String call, Throwable failure, int run) {
        long now = nanoTime.getAsLong();
        long next = nextLineAt.get();
        if (now - next < 0 || !nextLineAt.compareAndSet(next, now + intervalNanos)) {
            unlogged.incrementAndGet();
            return false;
        }
        LOG.warnf(failure, "metrics plugin %s failed in %s (%d in a row; %d more failures since the last line);"
                + " the message it measured went on unaffected", plugin, call, run, unlogged.getAndSet(0));
        return true;
    }
}
