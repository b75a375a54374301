package io.kadmesh.dht.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.NodeId;

/**
 * A record withdrawn from the store: only by its own publisher, and then it is gone with its bytes, and
 * the key is free for another publisher.
 */
class RecordRemovalTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final NodeId KEY = NodeId.sha1("channel:news".getBytes(StandardCharsets.UTF_8));

    private final InMemoryRecordStore store = new InMemoryRecordStore(StorageLimits.DEFAULTS);
    private final RecordSigner winner = RecordSigner.generate();
    private final RecordSigner loser = RecordSigner.generate();

    @Test
    void onlyItsPublisherRemovesARecordAndTheKeyIsFreeAfterwards() {
        StoredRecord held = stored(loser);
        store.put(held, NOW);

        assertFalse(store.remove(KEY, stored(winner).publisher()), "another publisher cannot remove it");
        assertEquals(1, store.size());
        assertInstanceOf(StoreOutcome.Owned.class, store.put(stored(winner), NOW), "the key is still owned");

        assertTrue(store.remove(KEY, held.publisher()));
        assertEquals(0, store.size());
        assertEquals(0, store.bytes(), "its bytes are freed");
        assertFalse(store.get(KEY, NOW).isPresent());
        assertFalse(store.remove(KEY, held.publisher()), "nothing left to remove");
        store.put(stored(winner), NOW);
        assertEquals(stored(winner).publisher(), store.get(KEY, NOW).orElseThrow().publisher());
    }

    private static StoredRecord stored(RecordSigner signer) {
        SignedRecord record = SignedRecord.sign(KEY, "{\"name\":\"news\"}", 1, NOW.plus(Duration.ofHours(1)), signer);
        return new StoredRecord(record, record.publisher(), NOW, true);
    }
}
