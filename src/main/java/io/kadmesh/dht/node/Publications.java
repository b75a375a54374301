package io.kadmesh.dht.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.storage.KeyOwnedException;
import io.kadmesh.dht.storage.RecordSigner;
import io.kadmesh.dht.storage.RecordStore;
import io.kadmesh.dht.storage.SignedRecord;
import io.kadmesh.dht.storage.StorageFullException;
import io.kadmesh.dht.storage.StoreOutcome;
import io.kadmesh.dht.storage.StoredRecord;

/**
 * This node's own publications: each signed with the node's key, with a sequence number above every
 * earlier one (the clock's milliseconds when they are higher, so a restarted node still outbids its
 * old records) and an expiry {@code tExpire} from now; each kept in the node's own store, within its
 * budgets, before it goes out. Confined to the node's scheduler.
 */
final class Publications {

    private final RecordSigner signer;
    private final NodeId publisher;
    private final RecordStore records;
    private final Duration lifetime;
    private final Clock clock;
    private long lastSeq;

    Publications(RecordSigner signer, RecordStore records, Duration lifetime, Clock clock) {
        this.signer = signer;
        this.publisher = NodeId.sha1(signer.publicKey());
        this.records = records;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** The id this node's records name as their publisher: the digest of its signing key. */
    NodeId publisher() {
        return publisher;
    }

    /**
     * Signs {@code value} under {@code key} anew and keeps it as this node's own record.
     *
     * @throws KeyOwnedException when another publisher's live record holds the key here
     * @throws StorageFullException when the store's budgets have no room for it
     */
    SignedRecord publish(NodeId key, String value) {
        Instant now = clock.instant();
        long held = records.get(key, now).map(record -> record.record().seq()).orElse(-1L);
        long seq = Math.max(Math.max(lastSeq, held) + 1, now.toEpochMilli());
        lastSeq = seq;
        SignedRecord record = SignedRecord.sign(key, value, seq, now.plus(lifetime), signer);
        StoreOutcome outcome = records.put(new StoredRecord(record, publisher, now, true), now);
        if (outcome instanceof StoreOutcome.Owned owned) {
            throw new KeyOwnedException(key, owned.owner(), "this node holds its record");
        } else if (outcome instanceof StoreOutcome.OverBudget full) {
            throw new StorageFullException(full.reason());
        } else if (outcome instanceof StoreOutcome.Stale stale) {
            throw new IllegalStateException("own record " + key + " at seq " + seq + " is older than " + stale.heldSeq());
        }
        return record;
    }

    /**
     * Drops this node's own record of {@code key}, so that it is neither served nor republished: for a
     * claim another publisher won.
     */
    void withdraw(NodeId key) {
        records.remove(key, publisher);
    }
}
