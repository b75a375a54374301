package io.kadmesh.dht.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeId;

/**
 * The contacts a node knows, in {@value NodeId#BITS} k-buckets: bucket {@code i} holds contacts whose
 * ids share exactly {@code i} leading bits with this node's id. Buckets are never split. Applies the
 * paper's rules: known contacts move to the most recently seen end, newcomers to a full bucket wait in
 * its replacement cache while the least recently seen contact is pinged, and unresponsive contacts are
 * replaced. A bucket is made when a contact or a lookup first falls in it: most of the 160 never
 * hold anyone. Not thread-safe: the node confines it to one thread.
 */
public final class RoutingTable {

    private final NodeId self;
    private final KademliaParameters parameters;
    private final Clock clock;
    /** The buckets by shared prefix length; null where none was needed yet. */
    private final KBucket[] buckets = new KBucket[NodeId.BITS];
    private final Instant createdAt;
    /** Stands for every bucket not made yet, in reads only: empty, and never looked up. */
    private final KBucket empty;
    private Consumer<NodeId> removals = id -> {
    };

    /** An empty table for the node {@code self}, stamping contacts and lookups with {@code clock}. */
    public RoutingTable(NodeId self, KademliaParameters parameters, Clock clock) {
        this.self = Objects.requireNonNull(self, "self must be set");
        this.parameters = Objects.requireNonNull(parameters, "parameters must be set");
        this.clock = Objects.requireNonNull(clock, "clock must be set");
        this.createdAt = clock.instant();
        this.empty = newBucket();
    }

    /**
     * Has {@code listener}, instead of any earlier one, hear of each contact that leaves the table by
     * {@link #recordFailure} or {@link #remove}, where the table is used.
     */
    public void onRemoval(Consumer<NodeId> listener) {
        this.removals = Objects.requireNonNull(listener, "listener must be set");
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
        return removed(id, existing(bucketIndex(id)).recordFailure(id, parameters.maxFailures()));
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
        return removed(id, existing(bucketIndex(id)).remove(id));
    }

    private boolean removed(NodeId id, boolean removed) {
        if (removed) {
            removals.accept(id);
        }
        return removed;
    }

    /**
     * Up to {@code count} known contacts that can be dialed (browsers cannot, and are left out), nearest
     * to {@code target} by XOR distance first. Visits the buckets in the order of their distance ranges
     * to the target, and only as many as it needs: bucket {@code i} holds ids that agree with this
     * node's id before bit {@code i} and differ from it at bit {@code i}, so where the target differs
     * from this node's id at bit {@code i}, bucket {@code i} is nearer to the target than every deeper
     * bucket, and farther than all of them where it does not. Hence the buckets where the target differs
     * come first, shallowest first, then the others, deepest first; once {@code count} are chosen the
     * next bucket cannot change them.
     */
    public List<Contact> closest(NodeId target, int count) {
        Objects.requireNonNull(target, "target must be set");
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        NearestContacts nearest = new NearestContacts(target, count);
        for (int i = 0; i < NodeId.BITS && !nearest.isFull(); i++) {
            if (buckets[i] != null && target.bit(i) != self.bit(i)) {
                buckets[i].offerContactsTo(nearest);
            }
        }
        for (int i = NodeId.BITS - 1; i >= 0 && !nearest.isFull(); i--) {
            if (buckets[i] != null && target.bit(i) == self.bit(i)) {
                buckets[i].offerContactsTo(nearest);
            }
        }
        return nearest.toList();
    }

    /** The contact with {@code id}, if the table holds it (waiting replacements do not count). */
    public Optional<Contact> find(NodeId id) {
        return entry(id).map(BucketEntry::contact);
    }

    /** Whether {@code contact}, at its address, waits in its bucket's replacement cache. */
    public boolean isWaiting(Contact contact) {
        Objects.requireNonNull(contact, "contact must be set");
        int index = bucketIndex(contact.id());
        return index < NodeId.BITS && existing(index).waiting(contact.id())
                .filter(entry -> entry.contact().address().equals(contact.address())).isPresent();
    }

    /** Whether the table holds a contact with {@code id} (waiting replacements do not count). */
    public boolean contains(NodeId id) {
        return entry(id).isPresent();
    }

    /** How many contacts the table holds, not counting waiting replacements. */
    public int size() {
        int size = 0;
        for (int i = 0; i < buckets.length; i++) {
            size += existing(i).size();
        }
        return size;
    }

    /** Every contact the table holds, browsers included, nearest to {@code target} first. */
    public List<Contact> nearest(NodeId target) {
        List<Contact> contacts = contacts();
        contacts.sort((a, b) -> target.compareDistance(a.id(), b.id()));
        return contacts;
    }

    /** Every contact the table holds, in no particular order. */
    public List<Contact> contacts() {
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < buckets.length; i++) {
            existing(i).addContactsTo(contacts);
        }
        return contacts;
    }

    /** Records that a lookup of {@code target} ran now, which refreshes the bucket it falls in. */
    public void markLookedUp(NodeId target) {
        int index = bucketIndex(target);
        if (index < NodeId.BITS) {
            made(index).markLookedUp(clock.instant());
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
            if (existing(i).lastLookedUp().isBefore(staleBefore)) {
                stale.add(i);
            }
        }
        return stale;
    }

    private int deepestNonEmptyBucket() {
        for (int i = buckets.length - 1; i >= 0; i--) {
            if (!existing(i).isEmpty()) {
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
        for (int i = 0; i < buckets.length; i++) {
            existing(i).leastRecentlySeen()
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
        for (int i = 0; i < buckets.length; i++) {
            existing(i).addEntriesSeenBefore(seenBefore, silent);
        }
        silent.sort(Comparator.comparing(BucketEntry::lastSeen));
        return silent.stream().limit(limit).map(BucketEntry::contact).toList();
    }

    /** The bucket at {@code index}, for tests of this package. */
    KBucket bucket(int index) {
        return existing(index);
    }

    private Optional<BucketEntry> entry(NodeId id) {
        Objects.requireNonNull(id, "id must be set");
        int index = bucketIndex(id);
        return index < NodeId.BITS ? existing(index).entry(id) : Optional.empty();
    }

    private KBucket bucketOf(NodeId id) {
        return made(bucketIndex(id));
    }

    /** The bucket at {@code index}, made now if it was not yet: for changes. */
    private KBucket made(int index) {
        KBucket bucket = buckets[index];
        if (bucket == null) {
            bucket = newBucket();
            buckets[index] = bucket;
        }
        return bucket;
    }

    /** The bucket at {@code index}, or the empty stand-in if it was never made: for reads only. */
    private KBucket existing(int index) {
        KBucket bucket = buckets[index];
        return bucket != null ? bucket : empty;
    }

    private KBucket newBucket() {
        return new KBucket(parameters.k(), parameters.replacementCacheSize(), createdAt);
    }
}
