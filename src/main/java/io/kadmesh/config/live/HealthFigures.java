package io.kadmesh.config.live;

import java.time.Instant;
import java.util.Objects;

/**
 * A node's health at one moment, as {@code kadmesh config verify} compares it before and after a
 * change.
 *
 * @param at when it was measured
 * @param ready whether the node was ready (joined, enough links, a recent lookup)
 * @param connections its open links
 * @param lookupMillis the median of its recent lookups, in milliseconds; null before the first
 */
public record HealthFigures(Instant at, boolean ready, int connections, Double lookupMillis) {

    public HealthFigures {
        Objects.requireNonNull(at, "at");
    }
}
