package io.kadmesh.dht.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeId;

/**
 * The contacts a node knows, in {@value NodeId#BITS} k-buckets: bucket {@code i} holds contacts whose
 * ids share exactly {@code i} leading bits with this node's id. Buckets are never split. Applies the
 * paper's rules: known contacts move to the most recently seen end, newcomers to a full bucket wait in
 * its replacement cache while the least recently seen contact is pinged, and unresponsive contacts are
 * replaced. Not thread-safe: the node confines it to one thread.
 */
public final class RoutingTable {

    private final NodeId self;
    private final KademliaParameters parameters;
    private final Clock clock;
    private final KBucket[] buckets = new KBucket[NodeId.BITS];

    /** An empty table for the node {@code self}, stamping contacts and lookups with {@code clock}. */
    public RoutingTable(NodeId self, KademliaParameters parameters, Clock clock) {
        this.self = Objects.requireNonNull(self, "self must be set");
        this.parameters = Objects.requireNonNull(parameters, "parameters must be set");
        this.clock = Objects.requireNonNull(clock, "clock must be set");
        Instant createdAt = clock.instant();
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new KBucket(parameters.k(), parameters.replacementCacheSize(), createdAt);
        }
    }

    /** This node's own id, which the table never holds. */
    public NodeId self() {
        return self;
    }

    /**
     * The bucket {@code id} falls in: how many leading bits it shares with this node's id, 0..159, or
     * {@value NodeId#BITS} for this node's own id, which no bucket holds.
     */
    public int bucketIndex(NodeId id) {
        return self.sharedPrefixLength(Objects.requireNonNull(id, "id must be set"));
    }

    /**
     * Records that {@code contact} was just seen alive (it sent a message or answered one). A known
     * contact becomes the most recently seen of its bucket, takes the given address and is healthy again;
     * a new one is added if its bucket has room, or else cached as a replacement while the caller pings
     * the bucket's least recently seen contact (see {@link Insertion.PendingEviction}).
     */
    public Insertion touch(Contact contact) {
        Objects.requireNonNull(contact, "contact must be set");
        if (contact.id().equals(self)) {
            return Insertion.IGNORED;
        }
        return bucketOf(contact.id()).touch(contact, clock.instant());
    }

    /**
     * Records that a request to {@code id} went unanswered. The contact is removed once it has failed
     * {@link KademliaParameters#maxFailures()} times in a row, or at once if a fresh replacement is
     * waiting in its bucket; the freshest replacement then takes its place. A contact that only waits as a
     * replacement is forgotten. Returns whether the contact was removed from the table.
     */
    public boolean recordFailure(NodeId id) {
        Objects.requireNonNull(id, "id must be set");
        if (id.equals(self)) {
            return false;
        }
        return bucketOf(id).recordFailure(id, parameters.maxFailures());
    }

    /**
     * Drops the contact {@code id} now (say, it closed, or proved to be another node), promoting the
     * freshest waiting replacement. Returns whether the table held it.
     */
    public boolean remove(NodeId id) {
        Objects.requireNonNull(id, "id must be set");
        if (id.equals(self)) {
            return false;
        }
        return bucketOf(id).remove(id);
    }

    /**
     * Up to {@code count} known contacts, nearest to {@code target} by XOR distance first. Visits only as
     * many buckets as it needs, in the order of their distance ranges to the target: the bucket the target
     * falls in, then all deeper buckets together, then shallower buckets from deepest to shallowest.
     */
    public List<Contact> closest(NodeId target, int count) {
        Objects.requireNonNull(target, "target must be set");
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        List<Contact> result = new ArrayList<>(Math.min(count, 64));
        int targetIndex = bucketIndex(target);
        Comparator<Contact> nearestFirst = (a, b) -> target.compareDistance(a.id(), b.id());
        if (targetIndex < NodeId.BITS) {
            addNearest(result, count, nearestFirst, targetIndex, targetIndex + 1);
            addNearest(result, count, nearestFirst, targetIndex + 1, NodeId.BITS);
        }
        for (int i = targetIndex - 1; i >= 0 && result.size() < count; i--) {
            addNearest(result, count, nearestFirst, i, i + 1);
        }
        return result;
    }

    /** Adds the nearest contacts of buckets {@code from} (inclusive) to {@code to} until {@code count}. */
    private void addNearest(List<Contact> result, int count, Comparator<Contact> nearestFirst, int from, int to) {
        if (result.size() >= count) {
            return;
        }
        List<Contact> group = new ArrayList<>();
        for (int i = from; i < to; i++) {
            buckets[i].addContactsTo(group);
        }
        group.sort(nearestFirst);
        result.addAll(group.subList(0, Math.min(group.size(), count - result.size())));
    }

    /** The contact with {@code id}, if the table holds it (waiting replacements do not count). */
    public Optional<Contact> find(NodeId id) {
        return entry(id).map(BucketEntry::contact);
    }

    /** Whether {@code contact}, at its address, waits in its bucket's replacement cache. */
    public boolean isWaiting(Contact contact) {
        Objects.requireNonNull(contact, "contact must be set");
        int index = bucketIndex(contact.id());
        return index < NodeId.BITS && buckets[index].waiting(contact.id())
                .filter(entry -> entry.contact().address().equals(contact.address())).isPresent();
    }

    /** Whether the table holds a contact with {@code id} (waiting replacements do not count). */
    public boolean contains(NodeId id) {
        return entry(id).isPresent();
    }

    /** How many contacts the table holds, not counting waiting replacements. */
    public int size() {
        int size = 0;
        for (KBucket bucket : buckets) {
            size += bucket.size();
        }
        return size;
    }

    /** Every contact the table holds, in no particular order. */
    public List<Contact> contacts() {
        List<Contact> contacts = new ArrayList<>();
        for (KBucket bucket : buckets) {
            bucket.addContactsTo(contacts);
        }
        return contacts;
    }

    /** Records that a lookup of {@code target} ran now, which refreshes the bucket it falls in. */
    public void markLookedUp(NodeId target) {
        int index = bucketIndex(target);
        if (index < NodeId.BITS) {
            buckets[index].markLookedUp(clock.instant());
        }
    }

    /**
     * The indexes of the buckets not looked up for longer than {@code tRefresh}, ascending. Only buckets
     * up to the deepest non-empty one count: deeper buckets are empty because few ids fall in them, and
     * looking them up would find nobody. A bucket never looked up counts from the table's creation.
     */
    public List<Integer> bucketsToRefresh(Duration tRefresh) {
        Objects.requireNonNull(tRefresh, "tRefresh must be set");
        Instant staleBefore = clock.instant().minus(tRefresh);
        int deepest = deepestNonEmptyBucket();
        List<Integer> stale = new ArrayList<>();
        for (int i = 0; i <= deepest; i++) {
            if (buckets[i].lastLookedUp().isBefore(staleBefore)) {
                stale.add(i);
            }
        }
        return stale;
    }

    private int deepestNonEmptyBucket() {
        for (int i = buckets.length - 1; i >= 0; i--) {
            if (!buckets[i].isEmpty()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * For every non-empty bucket, its least recently seen contact if that was last heard from before
     * {@code seenBefore}: the contacts a periodic liveness check should ping.
     */
    public List<Contact> leastRecentlySeen(Instant seenBefore) {
        Objects.requireNonNull(seenBefore, "seenBefore must be set");
        List<Contact> idle = new ArrayList<>();
        for (KBucket bucket : buckets) {
            bucket.leastRecentlySeen()
                    .filter(entry -> entry.lastSeen().isBefore(seenBefore))
                    .ifPresent(entry -> idle.add(entry.contact()));
        }
        return idle;
    }

    /**
     * Up to {@code limit} contacts last heard from before {@code seenBefore}, those silent longest
     * first: the contacts a periodic liveness check should ping. Replacements waiting in a bucket's
     * cache count too, so that a contact that died while it waited is found out before an eviction
     * promotes it into the bucket.
     */
    public List<Contact> silentContacts(Instant seenBefore, int limit) {
        Objects.requireNonNull(seenBefore, "seenBefore must be set");
        List<BucketEntry> silent = new ArrayList<>();
        for (KBucket bucket : buckets) {
            bucket.addEntriesSeenBefore(seenBefore, silent);
        }
        silent.sort(Comparator.comparing(BucketEntry::lastSeen));
        return silent.stream().limit(limit).map(BucketEntry::contact).toList();
    }

    /** The bucket at {@code index}, for tests of this package. */
    KBucket bucket(int index) {
        return buckets[index];
    }

    private Optional<BucketEntry> entry(NodeId id) {
        Objects.requireNonNull(id, "id must be set");
        int index = bucketIndex(id);
        return index < NodeId.BITS ? buckets[index].entry(id) : Optional.empty();
    }

    private KBucket bucketOf(NodeId id) {
        return buckets[bucketIndex(id)];
    }
}
