package io.kadmesh.dht.node;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.lookup.LookupResult;
import io.kadmesh.dht.protocol.Store;
import io.kadmesh.dht.protocol.Stored;
import io.kadmesh.dht.storage.KeyOwnedException;
import io.kadmesh.dht.storage.RecordStore;
import io.kadmesh.dht.storage.SignedRecord;
import io.kadmesh.dht.storage.StorageFullException;
import io.kadmesh.dht.storage.StoredRecord;

/**
 * This node's publications going out: a value stored under a key on the k nodes closest to it (the
 * paper's STORE), and a key claimed first-come (the node closest to the key takes the record before any
 * other does, and so decides between two claims at once). Confined to the node's scheduler.
 */
final class Storing {

    private final Contact self;
    private final RecordStore records;
    private final Publications publications;
    private final Lookups lookups;
    private final Peers peers;
    private final Supplier<Instant> now;

    Storing(Contact self, RecordStore records, Publications publications, Lookups lookups, Peers peers,
            Supplier<Instant> now) {
        this.self = self;
        this.records = records;
        this.publications = publications;
        this.lookups = lookups;
        this.peers = peers;
        this.now = now;
    }

    /** See {@link DhtNode#store}. */
    CompletableFuture<Integer> store(NodeId key, String value) {
        return nearestUnowned(key).thenCompose(closest -> publish(key, value, closest));
    }

    /** See {@link DhtNode#claim}. */
    CompletableFuture<Integer> claim(NodeId key, String value, List<Contact> nearest) {
        SignedRecord record;
        try {
            record = publications.publish(key, value);
        } catch (KeyOwnedException | StorageFullException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        Contact arbiter = nearest.isEmpty() ? self : nearest.get(0);
        return storeAt(record, List.of(arbiter)).thenCompose(taken -> {
            if (taken == 0) {
                publications.withdraw(key);
                return CompletableFuture.failedFuture(new KeyOwnedException(key, null, "the node closest to the key, "
                        + arbiter.id() + ", did not take this record: another claim reached it first, or it did not"
                        + " answer"));
            }
            List<Contact> others = nearest.stream().filter(contact -> !contact.equals(arbiter)).toList();
            return storeAt(record, others).thenApply(more -> taken + more);
        });
    }

    /**
     * The lookup of {@code key}'s nearest nodes, once no other publisher's live record holds the key,
     * here or at those nodes; a {@link KeyOwnedException} otherwise.
     */
    private CompletableFuture<LookupResult> nearestUnowned(NodeId key) {
        Optional<StoredRecord> held = records.get(key, now.get());
        if (held.isPresent() && !held.get().publisher().equals(publications.publisher())) {
            return CompletableFuture.failedFuture(
                    new KeyOwnedException(key, held.get().publisher(), "this node holds its record"));
        }
        AtomicReference<SignedRecord> found = new AtomicReference<>();
        return lookups.ofValue(key, found).thenCompose(lookup -> {
            SignedRecord other = found.get();
            if (other != null && !other.publisher().equals(publications.publisher())) {
                return CompletableFuture.failedFuture(new KeyOwnedException(key, other.publisher(),
                        "a node close to the key holds its record"));
            }
            return other == null ? CompletableFuture.completedFuture(lookup) : lookups.ofNode(key);
        });
    }

    /** Signs {@code value} under {@code key} anew and stores it on the nodes {@code closest} found. */
    CompletableFuture<Integer> publish(NodeId key, String value, LookupResult closest) {
        SignedRecord record;
        try {
            record = publications.publish(key, value);
        } catch (KeyOwnedException | StorageFullException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        return storeAt(record, closest.closest());
    }

    /** See {@link DhtNode#storeAt}. */
    CompletableFuture<Integer> storeAt(SignedRecord record, List<Contact> targets) {
        List<CompletableFuture<Boolean>> acks = new ArrayList<>(targets.size());
        for (Contact target : targets) {
            acks.add(target.id().equals(self.id())
                    ? CompletableFuture.completedFuture(true)
                    : peers.ask(target, id -> new Store(id, self, record)).handle((reply, failure) -> reply instanceof Stored));
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                .thenApply(done -> (int) acks.stream().filter(CompletableFuture::join).count());
    }
}
