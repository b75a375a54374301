package io.kadmesh.dht.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;

/**
 * One k-bucket: up to k contacts that share the same prefix length with this node, least recently seen
 * first, plus a {@link ReplacementCache} of fresh contacts waiting for room. Also records when the
 * bucket's range was last looked up, for bucket refresh. Not thread-safe.
 */
final class KBucket {

    private final int capacity;
    private final List<BucketEntry> entries = new ArrayList<>();
    private final ReplacementCache replacements;
    private Instant lastLookedUp;

    KBucket(int capacity, int replacementCacheSize, Instant createdAt) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
        this.replacements = new ReplacementCache(replacementCacheSize);
        this.lastLookedUp = createdAt;
    }

    /**
     * Records that {@code contact} was seen alive at {@code now}: a known contact moves to the most
     * recently seen end; a new one is added if there is room, or else waits in the replacement cache while
     * the least recently seen contact is named for a ping.
     */
    Insertion touch(Contact contact, Instant now) {
        int index = indexOf(contact.id());
        if (index >= 0) {
            BucketEntry entry = entries.remove(index);
            entry.seen(contact, now);
            entries.add(entry);
            return Insertion.UPDATED;
        }
        if (entries.size() < capacity) {
            replacements.remove(contact.id());
            entries.add(new BucketEntry(contact, now));
            return Insertion.ADDED;
        }
        replacements.offer(new BucketEntry(contact, now));
        return new Insertion.PendingEviction(entries.get(0).contact());
    }

    /**
     * Counts an unanswered request to {@code id}. The contact is evicted when it reached
     * {@code maxFailures}, or at once when a replacement is waiting. An id that only waits in the
     * replacement cache is dropped from it, since it is no longer fresh. Returns whether the contact was
     * evicted from the bucket.
     */
    boolean recordFailure(NodeId id, int maxFailures) {
        int index = indexOf(id);
        if (index < 0) {
            replacements.remove(id);
            return false;
        }
        if (entries.get(index).fail() < maxFailures && replacements.isEmpty()) {
            return false;
        }
        evict(index);
        return true;
    }

    /** Drops {@code id} from the bucket and its replacement cache; returns whether the bucket held it. */
    boolean remove(NodeId id) {
        int index = indexOf(id);
        if (index < 0) {
            replacements.remove(id);
            return false;
        }
        evict(index);
        return true;
    }

    private void evict(int index) {
        entries.remove(index);
        replacements.takeFreshest().ifPresent(this::insertInSeenOrder);
    }

    /** Places a promoted replacement among the entries so that they stay ordered by when they were seen. */
    private void insertInSeenOrder(BucketEntry entry) {
        int position = entries.size();
        while (position > 0 && entries.get(position - 1).lastSeen().isAfter(entry.lastSeen())) {
            position--;
        }
        entries.add(position, entry);
    }

    private int indexOf(NodeId id) {
        long leadingBits = id.leadingBits();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).holds(id, leadingBits)) {
                return i;
            }
        }
        return -1;
    }

    /** The entry for {@code id}, if the bucket (not its replacement cache) holds it. */
    Optional<BucketEntry> entry(NodeId id) {
        int index = indexOf(id);
        return index < 0 ? Optional.empty() : Optional.of(entries.get(index));
    }

    /** The contact heard from longest ago, if the bucket is not empty. */
    Optional<BucketEntry> leastRecentlySeen() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(0));
    }

    /** The bucket's contacts, least recently seen first. */
    List<Contact> contacts() {
        List<Contact> contacts = new ArrayList<>(entries.size());
        addContactsTo(contacts);
        return contacts;
    }

    /** Appends the bucket's contacts to {@code target}, least recently seen first. */
    void addContactsTo(List<Contact> target) {
        for (int i = 0; i < entries.size(); i++) {
            target.add(entries.get(i).contact());
        }
    }

    /** Offers the bucket's contacts that can be dialed (all but browsers) to {@code nearest}. */
    void offerContactsTo(NearestContacts nearest) {
        long target = nearest.targetLeadingBits();
        for (int i = 0; i < entries.size(); i++) {
            BucketEntry entry = entries.get(i);
            if (!entry.isBrowser()) {
                nearest.offer(entry.contact(), target ^ entry.leadingBits());
            }
        }
    }

    /**
     * Appends the entries last seen before {@code seenBefore} to {@code target}, those waiting in the
     * replacement cache included.
     */
    void addEntriesSeenBefore(Instant seenBefore, List<BucketEntry> target) {
        for (BucketEntry entry : entries) {
            if (entry.lastSeen().isBefore(seenBefore)) {
                target.add(entry);
            }
        }
        replacements.addSeenBefore(seenBefore, target);
    }

    /** The replacement waiting with {@code id}, if there is one. */
    Optional<BucketEntry> waiting(NodeId id) {
        return replacements.find(id);
    }

    /** Whether {@code id} waits in the replacement cache. */
    boolean isWaiting(NodeId id) {
        return replacements.contains(id);
    }

    int waitingCount() {
        return replacements.size();
    }

    int size() {
        return entries.size();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    Instant lastLookedUp() {
        return lastLookedUp;
    }

    /** Records that a lookup of an id in this bucket's range ran at {@code now}. */
    void markLookedUp(Instant now) {
        lastLookedUp = now;
    }
}
