package io.kadmesh.dht.storage;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.kadmesh.dht.NodeId;

/**
 * A {@link RecordStore} in a hash map, within byte budgets: in all, per sender and per publisher.
 * The first publisher of a key owns it until its record expires.
 */
public final class InMemoryRecordStore implements RecordStore {

    private final Map<NodeId, StoredRecord> records = new HashMap<>();
    private final Usage bySender = new Usage();
    private final Usage byPublisher = new Usage();
    private final StorageLimits limits;
    private long total;

    /** A store within {@code limits}. */
    public InMemoryRecordStore(StorageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits must be set");
    }

    @Override
    public StoreOutcome put(StoredRecord candidate, Instant now) {
        StoredRecord held = get(candidate.key(), now).orElse(null);
        if (held != null) {
            Optional<StoreOutcome> refusal = replacementRefusal(held, candidate);
            if (refusal.isPresent()) {
                return refusal.get();
            }
        }
        Optional<String> overBudget = overBudget(candidate, held == null ? records.get(candidate.key()) : held);
        if (overBudget.isPresent()) {
            return new StoreOutcome.OverBudget(overBudget.get());
        }
        boolean original = candidate.original() || held != null && held.original();
        replace(new StoredRecord(candidate.record(), candidate.sender(), candidate.storedAt(), original));
        return StoreOutcome.ACCEPTED;
    }

    /** Why {@code candidate} must not replace the live {@code held}; empty when it may. */
    private static Optional<StoreOutcome> replacementRefusal(StoredRecord held, StoredRecord candidate) {
        if (!held.publisher().equals(candidate.publisher())) {
            return Optional.of(new StoreOutcome.Owned(held.publisher()));
        }
        long heldSeq = held.record().seq();
        if (candidate.record().seq() > heldSeq) {
            return Optional.empty();
        }
        if (candidate.record().seq() == heldSeq && candidate.record().sameSignature(held.record())) {
            return Optional.of(StoreOutcome.ACCEPTED);
        }
        return Optional.of(new StoreOutcome.Stale(heldSeq));
    }

    /** Which budget {@code candidate} would break, replacing {@code replaced} (null when the key is new). */
    private Optional<String> overBudget(StoredRecord candidate, StoredRecord replaced) {
        long size = candidate.footprint();
        long freed = replaced == null ? 0 : replaced.footprint();
        if (total - freed + size > limits.totalBytes()) {
            return Optional.of("record store is full: " + total + " of " + limits.totalBytes() + " bytes held");
        }
        long sender = bySender.of(candidate.sender())
                - (replaced != null && replaced.sender().equals(candidate.sender()) ? freed : 0);
        if (sender + size > limits.perSenderBytes()) {
            return Optional.of("sender " + candidate.sender() + " has used its quota: " + sender + " of "
                    + limits.perSenderBytes() + " bytes");
        }
        long publisher = byPublisher.of(candidate.publisher())
                - (replaced != null && replaced.publisher().equals(candidate.publisher()) ? freed : 0);
        if (publisher + size > limits.perPublisherBytes()) {
            return Optional.of("publisher " + candidate.publisher() + " has used its quota: " + publisher + " of "
                    + limits.perPublisherBytes() + " bytes");
        }
        return Optional.empty();
    }

    private void replace(StoredRecord record) {
        StoredRecord previous = records.put(record.key(), record);
        if (previous != null) {
            uncount(previous);
        }
        total += record.footprint();
        bySender.add(record.sender(), record.footprint());
        byPublisher.add(record.publisher(), record.footprint());
    }

    private void uncount(StoredRecord record) {
        total -= record.footprint();
        bySender.add(record.sender(), -record.footprint());
        byPublisher.add(record.publisher(), -record.footprint());
    }

    @Override
    public Optional<StoredRecord> get(NodeId key, Instant now) {
        StoredRecord record = records.get(key);
        return record == null || record.isExpired(now) ? Optional.empty() : Optional.of(record);
    }

    @Override
    public boolean remove(NodeId key, NodeId publisher) {
        StoredRecord held = records.get(key);
        if (held == null || !held.publisher().equals(publisher)) {
            return false;
        }
        records.remove(key);
        uncount(held);
        return true;
    }

    @Override
    public int expire(Instant now) {
        int dropped = 0;
        for (Iterator<StoredRecord> it = records.values().iterator(); it.hasNext();) {
            StoredRecord record = it.next();
            if (record.isExpired(now)) {
                it.remove();
                uncount(record);
                dropped++;
            }
        }
        return dropped;
    }

    @Override
    public Collection<StoredRecord> records() {
        return List.copyOf(records.values());
    }

    @Override
    public int size() {
        return records.size();
    }

    @Override
    public long bytes() {
        return total;
    }

    /** Bytes held per id; an id holding none is forgotten, so the map stays as small as the store. */
    private static final class Usage {
        private final Map<NodeId, Long> bytes = new HashMap<>();

        long of(NodeId id) {
            return bytes.getOrDefault(id, 0L);
        }

        void add(NodeId id, long delta) {
            bytes.merge(id, delta, (a, b) -> a + b == 0 ? null : a + b);
        }
    }
}
