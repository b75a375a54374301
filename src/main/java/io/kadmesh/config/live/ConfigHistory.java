package io.kadmesh.config.live;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The commits a node applied, newest first, each with the node's health at the moment it applied
 * it: the baseline that {@code kadmesh config verify} compares the health after the change with.
 * Holds the latest {@value #CAPACITY}.
 */
public final class ConfigHistory {

    /** Most entries kept. */
    public static final int CAPACITY = 64;

    /** One applied commit and the health measured as it was applied. */
    public record Entry(ConfigSnapshot snapshot, HealthFigures health) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    /** Records that {@code snapshot} was applied when the node's health was {@code health}. */
    public synchronized void record(ConfigSnapshot snapshot, HealthFigures health) {
        entries.addFirst(new Entry(snapshot, health));
        while (entries.size() > CAPACITY) {
            entries.removeLast();
        }
    }

    /** The entries, newest first. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }
}
