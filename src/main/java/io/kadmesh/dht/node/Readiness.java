package io.kadmesh.dht.node;

import java.time.Instant;

import io.kadmesh.dht.lookup.LookupResult;

/**
 * What the core knows of its own usefulness to the DHT: when a lookup last reached other nodes.
 * Health checks and the live node read it from any thread.
 */
public final class Readiness {

    private volatile Instant lastLookupSucceeded;

    /** Notes a finished lookup: it counts when it queried others and found nodes besides this one. */
    void lookupFinished(LookupResult result, Instant at) {
        if (result.queries() > 0 && result.closest().size() > 1) {
            lastLookupSucceeded = at;
        }
    }

    /** When a lookup last reached other nodes, or null if none has yet. */
    public Instant lastLookupSucceeded() {
        return lastLookupSucceeded;
    }
}
