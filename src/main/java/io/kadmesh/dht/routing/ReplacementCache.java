package io.kadmesh.dht.routing;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import io.kadmesh.dht.NodeId;

/**
 * Fresh contacts waiting for room in a full k-bucket, oldest first. Bounded: when full, the oldest is
 * dropped to keep the newest. Holds each id at most once.
 */
final class ReplacementCache {

    private final int capacity;
    private final Deque<BucketEntry> waiting = new ArrayDeque<>();

    ReplacementCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Keeps {@code entry} as the newest candidate, replacing an older record of the same id. */
    void offer(BucketEntry entry) {
        if (capacity == 0) {
            return;
        }
        remove(entry.id());
        if (waiting.size() == capacity) {
            waiting.pollFirst();
        }
        waiting.addLast(entry);
    }

    /** Forgets {@code id}; returns whether it was waiting. */
    boolean remove(NodeId id) {
        long leadingBits = id.leadingBits();
        for (Iterator<BucketEntry> it = waiting.iterator(); it.hasNext();) {
            if (it.next().holds(id, leadingBits)) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /** Takes out the most recently seen candidate, if any. */
    Optional<BucketEntry> takeFreshest() {
        return Optional.ofNullable(waiting.pollLast());
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    int size() {
        return waiting.size();
    }

    /** Appends the candidates last seen before {@code seenBefore} to {@code target}. */
    void addSeenBefore(Instant seenBefore, List<BucketEntry> target) {
        for (BucketEntry entry : waiting) {
            if (entry.lastSeen().isBefore(seenBefore)) {
                target.add(entry);
            }
        }
    }

    /** The waiting candidate with {@code id}, if there is one. */
    Optional<BucketEntry> find(NodeId id) {
        return waiting.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** Whether {@code id} is waiting. */
    boolean contains(NodeId id) {
        return waiting.stream().anyMatch(e -> e.id().equals(id));
    }
}
