package io.kadmesh.dht.storage;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kadmesh.dht.NodeId;

/** A {@link RecordStore} in a hash map, bounded in the number of records. */
public final class InMemoryRecordStore implements RecordStore {

    private final Map<NodeId, StoredRecord> records = new HashMap<>();
    private final int capacity;

    /** A store that holds at most {@code capacity} records. */
    public InMemoryRecordStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public boolean put(StoredRecord record) {
        StoredRecord existing = records.get(record.key());
        if (existing == null && records.size() >= capacity) {
            return false;
        }
        boolean original = record.original() || existing != null && existing.original();
        Instant expiresAt = record.expiresAt();
        if (existing != null && existing.value().equals(record.value()) && existing.expiresAt().isAfter(expiresAt)) {
            expiresAt = existing.expiresAt();
        }
        records.put(record.key(), new StoredRecord(record.key(), record.value(), record.storedAt(), expiresAt, original));
        return true;
    }

    @Override
    public Optional<StoredRecord> get(NodeId key, Instant now) {
        StoredRecord record = records.get(key);
        return record == null || record.isExpired(now) ? Optional.empty() : Optional.of(record);
    }

    @Override
    public int expire(Instant now) {
        int before = records.size();
        records.values().removeIf(record -> record.isExpired(now));
        return before - records.size();
    }

    @Override
    public Collection<StoredRecord> records() {
        return List.copyOf(records.values());
    }

    @Override
    public int size() {
        return records.size();
    }
}
