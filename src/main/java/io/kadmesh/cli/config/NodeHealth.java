package io.kadmesh.cli.config;

import java.util.OptionalDouble;

/**
 * How a node was doing at one moment, as {@code GET /api/config/history} reports it.
 *
 * @param ready whether the node was ready
 * @param connections its open links
 * @param lookupMillis its recent lookup latency, when it made lookups
 */
record NodeHealth(boolean ready, int connections, OptionalDouble lookupMillis) {

    /** For tables and messages: {@code ready, 5 links, lookups 12 ms}. */
    String describe() {
        return (ready ? "ready" : "not ready") + ", " + connections + " links, lookups "
                + (lookupMillis.isPresent() ? millis(lookupMillis.getAsDouble()) : "none");
    }

    /** A latency as {@code 12 ms}. */
    static String millis(double value) {
        return Math.round(value) + " ms";
    }
}
