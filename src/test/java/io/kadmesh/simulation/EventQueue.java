package io.kadmesh.simulation;

import java.util.Arrays;

/**
 * The events of a simulation in the order they run: a binary min-heap on (due time, sequence). The
 * keys live in arrays of their own, beside the events, so that ordering the heap reads contiguous
 * memory instead of chasing a pointer per comparison; a run pushes and pops millions of events.
 * <p>
 * Most events are timers cancelled long before they are due (every answered request cancels its
 * timeout). Rather than keep them until their turn, the queue sweeps them out whenever it has doubled
 * since the last sweep: a pass over the arrays, then the heap rebuilt. The order of what is left does
 * not change, since it is fixed by (due time, sequence) alone, and the cost per event stays constant.
 */
final class EventQueue {

    private static final int INITIAL_CAPACITY = 1024;

    private long[] dues = new long[INITIAL_CAPACITY];
    private long[] sequences = new long[INITIAL_CAPACITY];
    private ScheduledEvent[] events = new ScheduledEvent[INITIAL_CAPACITY];
    private int size;
    private long nextSequence;
    /** The size at which the next sweep of cancelled events runs. */
    private int sweepAt = INITIAL_CAPACITY;

    /** Queues {@code event} to run at {@code dueNanos}, after events queued earlier for that time. */
    void add(long dueNanos, ScheduledEvent event) {
        if (size == sweepAt) {
            sweepCancelled();
            sweepAt = Math.max(INITIAL_CAPACITY, 2 * size);
        }
        if (size == events.length) {
            grow();
        }
        siftUp(size, dueNanos, nextSequence++, event);
        size++;
    }

    /** Whether an event with a task is queued; cancelled events at the head are dropped on the way. */
    boolean hasPending() {
        while (size > 0 && !events[0].isPending()) {
            removeHead();
        }
        return size > 0;
    }

    /** How many events it holds, cancelled ones not swept out yet included. */
    int size() {
        return size;
    }

    /** When the head event is due; call only when {@link #hasPending()} holds. */
    long headDue() {
        return dues[0];
    }

    /** Removes and returns the head event; call only when {@link #hasPending()} holds. */
    ScheduledEvent removeHead() {
        ScheduledEvent head = events[0];
        size--;
        long lastDue = dues[size];
        long lastSequence = sequences[size];
        ScheduledEvent last = events[size];
        events[size] = null;
        if (size > 0) {
            siftDown(lastDue, lastSequence, last);
        }
        return head;
    }

    /** Drops every cancelled event, then restores the heap order bottom-up. */
    private void sweepCancelled() {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (events[i].isPending()) {
                put(kept++, dues[i], sequences[i], events[i]);
            }
        }
        Arrays.fill(events, kept, size, null);
        size = kept;
        for (int i = (size >>> 1) - 1; i >= 0; i--) {
            siftDownFrom(i, dues[i], sequences[i], events[i]);
        }
    }

    private void grow() {
        int capacity = events.length * 2;
        dues = Arrays.copyOf(dues, capacity);
        sequences = Arrays.copyOf(sequences, capacity);
        events = Arrays.copyOf(events, capacity);
    }

    private boolean before(long due, long sequence, int index) {
        return due < dues[index] || (due == dues[index] && sequence < sequences[index]);
    }

    private void siftUp(int index, long due, long sequence, ScheduledEvent event) {
        int i = index;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(due, sequence, parent)) {
                break;
            }
            place(i, parent);
            i = parent;
        }
        put(i, due, sequence, event);
    }

    private void siftDown(long due, long sequence, ScheduledEvent event) {
        siftDownFrom(0, due, sequence, event);
    }

    /** Places the entry given at {@code start} or below it, where the heap order wants it. */
    private void siftDownFrom(int start, long due, long sequence, ScheduledEvent event) {
        int i = start;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && before(dues[right], sequences[right], child)) {
                child = right;
            }
            if (before(due, sequence, child)) {
                break;
            }
            place(i, child);
            i = child;
        }
        put(i, due, sequence, event);
    }

    /** Moves the entry at {@code from} to {@code to}. */
    private void place(int to, int from) {
        put(to, dues[from], sequences[from], events[from]);
    }

    private void put(int index, long due, long sequence, ScheduledEvent event) {
        dues[index] = due;
        sequences[index] = sequence;
        events[index] = event;
    }
}
