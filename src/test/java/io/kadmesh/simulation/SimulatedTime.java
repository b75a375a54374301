package io.kadmesh.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.kadmesh.dht.Scheduler;

/**
 * Virtual time for a simulation: a clock that only moves when events run, and the scheduler that
 * runs them. Time starts at {@link #START} and jumps from one event to the next, so hours of a
 * network's life take seconds. Events run in order of due time, then of submission, so a run with
 * the same inputs and seed is the same run every time.
 *
 * <p>
 * Single-threaded by design: tasks run on the thread that calls one of the {@code run} methods,
 * and every other method must be called from that thread too. Nothing here locks.
 *
 * <p>
 * A task that throws does not stop the run: the failure is counted, the first one is kept for the
 * test or report to show, and the next event runs.
 */
public final class SimulatedTime extends Clock implements Scheduler {

    /** The instant every simulation starts at, 2026-01-01T00:00:00Z. */
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static final long START_MILLIS = START.toEpochMilli();

    private final EventQueue events = new EventQueue();
    private long nowNanos;
    private long eventsProcessed;
    private long taskFailures;
    private Throwable firstFailure;
    private boolean running;

    /** The current virtual instant. */
    @Override
    public Instant instant() {
        return START.plusNanos(nowNanos);
    }

    /** The current virtual time in epoch milliseconds, without building an {@link Instant}. */
    @Override
    public long millis() {
        return START_MILLIS + nowNanos / 1_000_000L;
    }

    /** Simulated time is in UTC. */
    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** A clock showing this same virtual time in {@code zone}. */
    @Override
    public Clock withZone(ZoneId zone) {
        Objects.requireNonNull(zone, "zone must be set");
        return zone.equals(ZoneOffset.UTC) ? this : new ZonedSimulatedClock(this, zone);
    }

    /** How much virtual time has passed since {@link #START}. */
    public Duration elapsed() {
        return Duration.ofNanos(nowNanos);
    }

    /** Runs {@code task} at the current virtual time, after every event already due now. */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task must be set");
        enqueue(nowNanos, task);
    }

    /**
     * Runs {@code task} once {@code delay} of virtual time has passed, after events due at the same
     * time that were submitted earlier. A negative delay counts as zero.
     */
    @Override
    public Timer schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(delay, "delay must be set");
        Objects.requireNonNull(task, "task must be set");
        return enqueue(plus(nowNanos, delay.isNegative() ? 0 : nanos(delay)), task);
    }

    /**
     * Runs events in time order until {@code condition} holds, checking it before the first event
     * and after each one. Gives up when the next event would be later than {@code timeout} from now,
     * or no event is left; then the clock stands at now plus {@code timeout}, as if the caller had
     * waited that long.
     *
     * @return whether the condition held
     */
    public boolean runUntil(BooleanSupplier condition, Duration timeout) {
        Objects.requireNonNull(condition, "condition must be set");
        long deadline = deadlineAfter(timeout, "timeout");
        enter();
        try {
            while (!condition.getAsBoolean()) {
                if (!runNextDueBy(deadline)) {
                    nowNanos = Math.max(nowNanos, deadline);
                    return false;
                }
            }
            return true;
        } finally {
            running = false;
        }
    }

    /** Runs every event due within {@code duration} from now, then sets the clock to exactly now plus it. */
    public void runFor(Duration duration) {
        long deadline = deadlineAfter(duration, "duration");
        enter();
        try {
            while (runNextDueBy(deadline)) {
                // each call runs one event
            }
            nowNanos = deadline;
        } finally {
            running = false;
        }
    }

    /**
     * Runs events until none is left, for at most {@code cap} of virtual time. Periodic work, such as
     * bucket refresh, never lets a network go idle; the cap bounds the run then.
     *
     * @return whether the queue ran empty within the cap
     */
    public boolean runUntilIdle(Duration cap) {
        return runUntil(this::isIdle, cap);
    }

    /** Whether no task is waiting. */
    public boolean isIdle() {
        return !events.hasPending();
    }

    /** How many tasks have run, including those that threw; cancelled ones are not counted. */
    public long eventsProcessed() {
        return eventsProcessed;
    }

    /** How many tasks threw. */
    public long taskFailures() {
        return taskFailures;
    }

    /** What the first task that threw threw, if any did. */
    public Optional<Throwable> firstFailure() {
        return Optional.ofNullable(firstFailure);
    }

    /** The current virtual time in nanoseconds since {@link #START}, for the network's arithmetic. */
    long nowNanos() {
        return nowNanos;
    }

    /** Queues {@code task} at an absolute virtual time, which must not be in the past. */
    ScheduledEvent enqueue(long dueNanos, Runnable task) {
        ScheduledEvent event = new ScheduledEvent(task);
        events.add(dueNanos, event);
        return event;
    }

    /** {@code duration} in nanoseconds, saturated at the bounds of a long for durations past about 292 years. */
    static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static long plus(long nanos, long more) {
        long sum = nanos + more;
        return sum < nanos ? Long.MAX_VALUE : sum;
    }

    private long deadlineAfter(Duration span, String name) {
        Objects.requireNonNull(span, name + " must be set");
        if (span.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + span);
        }
        return plus(nowNanos, nanos(span));
    }

    private void enter() {
        if (running) {
            throw new IllegalStateException("the simulation is already running; a task cannot run it again");
        }
        running = true;
    }

    private boolean runNextDueBy(long deadline) {
        if (!events.hasPending() || events.headDue() > deadline) {
            return false;
        }
        nowNanos = events.headDue();
        run(events.removeHead().takeTask());
        return true;
    }

    private void run(Runnable task) {
        eventsProcessed++;
        try {
            task.run();
        } catch (Throwable failure) {
            if (failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError)) {
                throw failure;
            }
            taskFailures++;
            if (firstFailure == null) {
                firstFailure = failure;
            }
        }
    }
}
