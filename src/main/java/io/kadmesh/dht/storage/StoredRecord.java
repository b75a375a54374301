package io.kadmesh.dht.storage;

import java.time.Instant;
import java.util.Objects;

import io.kadmesh.dht.NodeId;

/**
 * A value held by this node.
 *
 * @param key the value's id in the DHT
 * @param value the value itself
 * @param storedAt when this node last received it
 * @param expiresAt when it is dropped unless its publisher stores it again
 * @param original whether this node published it (and so republishes it), rather than holding a
 *        replica for another publisher
 */
public record StoredRecord(NodeId key, String value, Instant storedAt, Instant expiresAt, boolean original) {

    public StoredRecord {
        Objects.requireNonNull(key, "key must be set");
        Objects.requireNonNull(value, "value must be set");
        Objects.requireNonNull(storedAt, "storedAt must be set");
        Objects.requireNonNull(expiresAt, "expiresAt must be set");
    }

    /**
     * Whether the record is past its expiry at {@code now}. A record this node published never
     * expires here: its publisher keeps it and republishes it.
     */
    public boolean isExpired(Instant now) {
        return !original && !now.isBefore(expiresAt);
    }
}
