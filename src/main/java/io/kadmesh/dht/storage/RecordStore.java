package io.kadmesh.dht.storage;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

import io.kadmesh.dht.NodeId;

/** The records a node holds. Confined to the node's scheduler, like the rest of the core. */
public interface RecordStore {

    /**
     * Offers {@code candidate}, already checked with {@link RecordCheck}. A live record of another
     * publisher is never replaced ({@link StoreOutcome.Owned}); a record of the same publisher only by a
     * higher sequence number ({@link StoreOutcome.Stale} otherwise); and nothing is kept beyond the
     * byte budgets ({@link StoreOutcome.OverBudget}). A refused offer changes nothing.
     */
    StoreOutcome put(StoredRecord candidate, Instant now);

    /** The live record for {@code key} at {@code now}, if any. */
    Optional<StoredRecord> get(NodeId key, Instant now);

    /** Drops the record of {@code key} if {@code publisher} published it; returns whether it did. */
    boolean remove(NodeId key, NodeId publisher);

    /** Drops every record expired at {@code now}; returns how many. */
    int expire(Instant now);

    /** Every record held, for replication and republishing. */
    Collection<StoredRecord> records();

    /** How many records are held. */
    int size();

    /** The bytes held, as the budgets count them. */
    long bytes();
}
