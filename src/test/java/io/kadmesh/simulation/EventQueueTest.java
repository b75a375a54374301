package io.kadmesh.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * {@link EventQueue} with most events cancelled, as timers are: what is left runs exactly once each,
 * in order of due time, then of submission, while the queue sweeps the cancelled ones out.
 */
class EventQueueTest {

    private record Entry(long due, int order, ScheduledEvent event) {
    }

    @Test
    void mustRunWhatIsLeftInDueThenSubmissionOrderWhileSweepingCancelledEvents() {
        SplittableRandom random = new SplittableRandom(5);
        EventQueue queue = new EventQueue();
        List<Entry> entries = new ArrayList<>();
        Map<ScheduledEvent, Entry> byEvent = new IdentityHashMap<>();
        Set<Entry> cancelled = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Entry> ran = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            long due = i / 10 + random.nextLong(1_000);
            Entry entry = new Entry(due, i, new ScheduledEvent(() -> {
            }));
            queue.add(due, entry.event());
            entries.add(entry);
            byEvent.put(entry.event(), entry);
            Entry victim = entries.get(Math.max(0, entries.size() - 2));
            if (random.nextInt(10) < 9 && victim.event().isPending()) {
                victim.event().cancel();
                cancelled.add(victim);
            }
            while (queue.hasPending() && queue.headDue() < i / 10) {
                ran.add(run(queue, byEvent));
            }
            int pending = entries.size() - ran.size() - cancelled.size();
            assertTrue(queue.size() <= Math.max(2_048, 3 * pending), "cancelled events should be swept out");
        }
        while (queue.hasPending()) {
            ran.add(run(queue, byEvent));
        }
        assertTrue(cancelled.size() > entries.size() / 3, "most events should have been cancelled");
        assertEquals(entries.size(), ran.size() + cancelled.size(), "every event runs once unless cancelled");
        for (int i = 1; i < ran.size(); i++) {
            Entry before = ran.get(i - 1);
            Entry after = ran.get(i);
            assertFalse(cancelled.contains(after), after + " ran though cancelled");
            assertFalse(before.due() > after.due() || before.due() == after.due() && before.order() > after.order(),
                    before + " ran before " + after);
        }
    }

    private static Entry run(EventQueue queue, Map<ScheduledEvent, Entry> byEvent) {
        ScheduledEvent event = queue.removeHead();
        event.takeTask();
        return byEvent.get(event);
    }
}
