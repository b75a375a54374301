package io.kadmesh.diagnostics;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a diagnosis may take: every wait of a step at most {@code stepTimeout}, and the whole run at
 * most {@code total}. Paths run side by side, so the total bounds each of them as well.
 *
 * @param stepTimeout the longest one step waits: a connect, a TLS handshake, an answer, a greeting
 * @param total the longest the whole diagnosis takes
 */
public record Bounds(Duration stepTimeout, Duration total) {

    /** The shortest bound taken: below it loopback answers would count as timeouts. */
    static final Duration MINIMUM = Duration.ofMillis(100);

    /** The most of the total bound kept back from the steps, for reporting. */
    static final long REPORTING_MILLIS = 250;

    /** Five seconds a step, as long as a node gives a peer for its hello; ten in all. */
    public static final Bounds DEFAULT = new Bounds(Duration.ofSeconds(5), Duration.ofSeconds(10));

    public Bounds {
        Objects.requireNonNull(stepTimeout, "stepTimeout must be set");
        Objects.requireNonNull(total, "total must be set");
        if (stepTimeout.compareTo(MINIMUM) < 0 || total.compareTo(MINIMUM) < 0) {
            throw new IllegalArgumentException("timeouts must be at least " + MINIMUM.toMillis() + " ms, got "
                    + stepTimeout.toMillis() + " ms a step and " + total.toMillis() + " ms in all");
        }
        if (total.compareTo(stepTimeout) < 0) {
            throw new IllegalArgumentException("the total bound (" + total.toMillis()
                    + " ms) must be at least a step's (" + stepTimeout.toMillis() + " ms)");
        }
    }

    /** The instant, on {@link System#nanoTime()}, by which a run started at {@code startNanos} ends. */
    long deadline(long startNanos) {
        return startNanos + total.toNanos();
    }

    /**
     * The instant by which the steps of a run started at {@code startNanos} stop waiting: the end of
     * the run less a fifth of it, at most {@value #REPORTING_MILLIS} ms. The time kept back is for a step
     * that timed out to say so and for the report to be written, so that the run keeps within
     * {@code total}.
     */
    long stepsDeadline(long startNanos) {
        return deadline(startNanos) - reportingNanos();
    }

    /**
     * The instant by which a run started at {@code startNanos} stops waiting for its paths and node
     * states, and reports those still unfinished as such: half-way between {@link #stepsDeadline} and
     * the end.
     */
    long collectDeadline(long startNanos) {
        return deadline(startNanos) - reportingNanos() / 2;
    }

    private long reportingNanos() {
        return Math.min(total.toNanos() / 5, REPORTING_MILLIS * 1_000_000L);
    }

    /** How long a step may wait now: the step timeout or what is left of the run, whichever is less (at least 1 ms). */
    int waitMillis(long deadlineNanos) {
        long left = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
        return (int) Math.min(stepTimeout.toMillis(), left);
    }

    /** How a bound reads in a report: {@code 5 s a step, 10 s in all}. */
    String describe() {
        return seconds(stepTimeout) + " a step, " + seconds(total) + " in all";
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
