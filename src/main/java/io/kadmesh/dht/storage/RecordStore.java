package io.kadmesh.dht.storage;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

import io.kadmesh.dht.NodeId;

/** The values a node holds. Confined to the node's scheduler, like the rest of the core. */
public interface RecordStore {

    /**
     * Stores or replaces the value under {@code record.key()}. A replica never downgrades a record
     * this node published itself, and the same value stored again never expires sooner than it
     * would have: an old replica cannot shorten a fresh publication. Returns false when the store
     * is full and the key is new.
     */
    boolean put(StoredRecord record);

    /** The live record for {@code key} at {@code now}, if any. */
    Optional<StoredRecord> get(NodeId key, Instant now);

    /** Drops every record expired at {@code now}; returns how many. */
    int expire(Instant now);

    /** Every record held, for replication and republishing. */
    Collection<StoredRecord> records();

    /** How many records are held. */
    int size();
}
