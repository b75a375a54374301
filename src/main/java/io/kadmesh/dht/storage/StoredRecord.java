package io.kadmesh.dht.storage;

import java.time.Instant;
import java.util.Objects;

import io.kadmesh.dht.NodeId;

/**
 * A signed record held by this node.
 *
 * @param record the publication, as its publisher signed it
 * @param sender the peer whose store brought this copy here (this node itself for its own
 *        publications): its quota pays for the copy
 * @param storedAt when this node received it
 * @param original whether this node published it (and so republishes it), rather than holding a
 *        replica for another publisher
 */
public record StoredRecord(SignedRecord record, NodeId sender, Instant storedAt, boolean original) {

    /**
     * What one record is counted as beyond its value: its key, ids, public key and signature, the
     * objects holding them and the map entry, as estimated heap bytes.
     */
    public static final int OVERHEAD_BYTES = 512;

    public StoredRecord {
        Objects.requireNonNull(record, "record must be set");
        Objects.requireNonNull(sender, "sender must be set");
        Objects.requireNonNull(storedAt, "storedAt must be set");
    }

    /** The value's id in the DHT. */
    public NodeId key() {
        return record.key();
    }

    /** The value itself. */
    public String value() {
        return record.value();
    }

    /** Who published it. */
    public NodeId publisher() {
        return record.publisher();
    }

    /** When its publication expires. */
    public Instant expiresAt() {
        return record.expiresAt();
    }

    /**
     * Whether the record is past its publisher's expiry at {@code now}. A record this node published
     * never expires here: its publisher keeps it and republishes it with a later expiry.
     */
    public boolean isExpired(Instant now) {
        return !original && !now.isBefore(record.expiresAt());
    }

    /** What the record is counted as against the byte budgets: two bytes per character of the value, plus the overhead. */
    public long footprint() {
        return 2L * record.value().length() + OVERHEAD_BYTES;
    }
}
