package io.kadmesh.dht.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;

/**
 * One non-empty k-bucket as operators see it: its contacts, least recently seen first, and the
 * contacts waiting in its replacement cache, oldest first.
 *
 * @param index the bucket's index: the length of the prefix its contacts share with the node's id
 * @param contacts the bucket's contacts
 * @param replacements the contacts waiting for room in it
 */
public record BucketView(int index, List<Entry> contacts, List<Entry> replacements) {

    /**
     * One contact.
     *
     * @param contact its id and address
     * @param lastSeen when the node last heard from it
     * @param failures its failed requests in a row
     * @param linked whether a link to it is open
     */
    public record Entry(Contact contact, Instant lastSeen, int failures, boolean linked) {
    }

    public BucketView {
        contacts = List.copyOf(contacts);
        replacements = List.copyOf(replacements);
    }

    /** The non-empty buckets of {@code table}, nearest the node last; {@code linked} says which ids have a link. */
    public static List<BucketView> of(RoutingTable table, Predicate<NodeId> linked) {
        List<BucketView> buckets = new ArrayList<>();
        for (int index = 0; index < NodeId.BITS; index++) {
            KBucket bucket = table.bucket(index);
            if (bucket.isEmpty() && bucket.waitingCount() == 0) {
                continue;
            }
            List<BucketEntry> all = new ArrayList<>();
            bucket.addEntriesSeenBefore(Instant.MAX, all);
            List<Entry> contacts = new ArrayList<>();
            for (Contact contact : bucket.contacts()) {
                bucket.entry(contact.id()).ifPresent(entry -> contacts.add(entry(entry, linked)));
            }
            List<Entry> waiting = all.stream().filter(entry -> bucket.entry(entry.id()).isEmpty())
                    .map(entry -> entry(entry, linked)).toList();
            buckets.add(new BucketView(index, contacts, waiting));
        }
        return buckets;
    }

    private static Entry entry(BucketEntry entry, Predicate<NodeId> linked) {
        return new Entry(entry.contact(), entry.lastSeen(), entry.failures(), linked.test(entry.id()));
    }
}
