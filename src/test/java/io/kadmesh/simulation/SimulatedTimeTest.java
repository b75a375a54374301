package io.kadmesh.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.Scheduler;

class SimulatedTimeTest {

    private final SimulatedTime time = new SimulatedTime();
    private final List<String> trace = new ArrayList<>();

    @Test
    void startsAtNewYear2026InUtc() {
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), time.instant());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli(), time.millis());
        assertEquals(ZoneOffset.UTC, time.getZone());
    }

    @Test
    void runsEventsByDueTimeThenBySubmission() {
        time.schedule(Duration.ofMillis(20), () -> trace.add("c"));
        time.schedule(Duration.ofMillis(10), () -> trace.add("a"));
        time.schedule(Duration.ofMillis(10), () -> trace.add("b"));

        time.runFor(Duration.ofSeconds(1));

        assertEquals(List.of("a", "b", "c"), trace);
        assertEquals(3, time.eventsProcessed());
    }

    @Test
    void clockShowsEachEventsDueTimeWhileItRuns() {
        List<Long> seen = new ArrayList<>();
        time.schedule(Duration.ofMillis(7), () -> seen.add(time.millis()));
        time.schedule(Duration.ofSeconds(3), () -> seen.add(time.millis()));

        time.runFor(Duration.ofSeconds(5));

        long start = SimulatedTime.START.toEpochMilli();
        assertEquals(List.of(start + 7, start + 3000), seen);
        assertEquals(Duration.ofSeconds(5), time.elapsed());
    }

    @Test
    void executeQueuesBehindEventsAlreadyDueInsteadOfRunningInline() {
        time.execute(() -> {
            trace.add("first");
            time.execute(() -> trace.add("third"));
            trace.add("still first");
        });
        time.execute(() -> trace.add("second"));

        time.runFor(Duration.ZERO);

        assertEquals(List.of("first", "still first", "second", "third"), trace);
        assertEquals(Duration.ZERO, time.elapsed());
    }

    @Test
    void executeDoesNothingUntilTheSimulationRuns() {
        time.execute(() -> trace.add("ran"));

        assertTrue(trace.isEmpty());
    }

    @Test
    void cancelledTimerNeverRuns() {
        Scheduler.Timer timer = time.schedule(Duration.ofMillis(5), () -> trace.add("cancelled"));
        time.schedule(Duration.ofMillis(6), () -> trace.add("kept"));

        timer.cancel();
        time.runFor(Duration.ofSeconds(1));

        assertEquals(List.of("kept"), trace);
        assertEquals(1, time.eventsProcessed());
    }

    @Test
    void cancellingATimerThatRanIsHarmless() {
        Scheduler.Timer timer = time.schedule(Duration.ofMillis(5), () -> trace.add("ran"));
        time.runFor(Duration.ofMillis(5));

        timer.cancel();

        assertEquals(List.of("ran"), trace);
    }

    @Test
    void runUntilStopsAsSoonAsTheConditionHolds() {
        for (int i = 1; i <= 10; i++) {
            String name = "e" + i;
            time.schedule(Duration.ofSeconds(i), () -> trace.add(name));
        }

        boolean held = time.runUntil(() -> trace.size() == 3, Duration.ofMinutes(1));

        assertTrue(held);
        assertEquals(List.of("e1", "e2", "e3"), trace);
        assertEquals(Duration.ofSeconds(3), time.elapsed());
    }

    @Test
    void runUntilRunsNothingWhenTheConditionAlreadyHolds() {
        time.execute(() -> trace.add("ran"));

        assertTrue(time.runUntil(() -> true, Duration.ofSeconds(1)));
        assertTrue(trace.isEmpty());
    }

    @Test
    void runUntilGivesUpAtTheTimeoutAndLeavesLaterEventsQueued() {
        time.schedule(Duration.ofSeconds(1), () -> trace.add("early"));
        time.schedule(Duration.ofSeconds(10), () -> trace.add("late"));

        boolean held = time.runUntil(() -> trace.contains("late"), Duration.ofSeconds(5));

        assertFalse(held);
        assertEquals(List.of("early"), trace);
        assertEquals(Duration.ofSeconds(5), time.elapsed());
        assertFalse(time.isIdle());
    }

    @Test
    void runUntilGivesUpWhenNoEventIsLeft() {
        time.schedule(Duration.ofSeconds(1), () -> trace.add("only"));

        assertFalse(time.runUntil(() -> false, Duration.ofHours(1)));
        assertEquals(List.of("only"), trace);
        assertEquals(Duration.ofHours(1), time.elapsed());
    }

    @Test
    void runForRunsEventsDueAtTheBoundaryButNotAfter() {
        time.schedule(Duration.ofMillis(100), () -> trace.add("at boundary"));
        time.schedule(Duration.ofMillis(101), () -> trace.add("after"));

        time.runFor(Duration.ofMillis(100));

        assertEquals(List.of("at boundary"), trace);
        assertEquals(Duration.ofMillis(100), time.elapsed());
    }

    @Test
    void runUntilIdleStopsWhenTheQueueIsEmpty() {
        time.schedule(Duration.ofSeconds(2), () -> time.schedule(Duration.ofSeconds(3), () -> trace.add("chained")));

        assertTrue(time.runUntilIdle(Duration.ofMinutes(1)));
        assertEquals(List.of("chained"), trace);
        assertEquals(Duration.ofSeconds(5), time.elapsed());
    }

    @Test
    void runUntilIdleReportsWorkLeftBeyondTheCap() {
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> time.schedule(Duration.ofSeconds(1), tick[0]);
        time.execute(tick[0]);

        assertFalse(time.runUntilIdle(Duration.ofSeconds(30)));
        assertEquals(31, time.eventsProcessed());
    }

    @Test
    void throwingTaskIsCountedAndTheRunGoesOn() {
        IllegalStateException boom = new IllegalStateException("boom");
        time.schedule(Duration.ofMillis(1), () -> {
            throw boom;
        });
        time.schedule(Duration.ofMillis(2), () -> {
            throw new IllegalArgumentException("second");
        });
        time.schedule(Duration.ofMillis(3), () -> trace.add("after"));

        time.runFor(Duration.ofSeconds(1));

        assertEquals(List.of("after"), trace);
        assertEquals(2, time.taskFailures());
        assertEquals(boom, time.firstFailure().orElseThrow());
        assertEquals(3, time.eventsProcessed());
    }

    @Test
    void noFailureIsReportedWhenEveryTaskSucceeds() {
        time.execute(() -> trace.add("fine"));
        time.runFor(Duration.ZERO);

        assertEquals(0, time.taskFailures());
        assertTrue(time.firstFailure().isEmpty());
    }

    @Test
    void aTaskCannotRunTheSimulationAgain() {
        time.execute(() -> time.runFor(Duration.ofSeconds(1)));

        time.runFor(Duration.ZERO);

        assertInstanceOf(IllegalStateException.class, time.firstFailure().orElseThrow());
    }

    @Test
    void sameSeedGivesTheSameTrace() {
        assertEquals(randomTrace(42), randomTrace(42));
        assertNotEquals(randomTrace(42), randomTrace(43));
    }

    @Test
    void rejectsANegativeTimeout() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> time.runUntil(() -> false, Duration.ofSeconds(-1)));
        assertTrue(e.getMessage().contains("timeout"));
    }

    @Test
    void negativeDelayRunsNow() {
        time.schedule(Duration.ofSeconds(-5), () -> trace.add("now"));

        time.runFor(Duration.ZERO);

        assertEquals(List.of("now"), trace);
    }

    @Test
    void clockInAnotherZoneShowsTheSameInstant() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        time.runFor(Duration.ofMinutes(90));

        assertEquals(paris, time.withZone(paris).getZone());
        assertEquals(time.instant(), time.withZone(paris).instant());
        assertEquals(time, time.withZone(ZoneOffset.UTC));
    }

    /** Tasks that schedule more tasks at random delays, recording when each ran. */
    private static List<String> randomTrace(long seed) {
        SimulatedTime time = new SimulatedTime();
        SplittableRandom random = new SplittableRandom(seed);
        List<String> trace = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int id = i;
            time.schedule(Duration.ofMillis(random.nextInt(5)), () -> {
                trace.add(id + "@" + time.elapsed().toMillis());
                time.schedule(Duration.ofMillis(random.nextInt(5)), () -> trace.add(id + "'@" + time.elapsed().toMillis()));
            });
        }
        time.runUntilIdle(Duration.ofMinutes(1));
        return trace;
    }
}
