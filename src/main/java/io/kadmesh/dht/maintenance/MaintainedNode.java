package io.kadmesh.dht.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.storage.StoredRecord;

/**
 * What {@link Maintenance} may see of a node and ask of it: the narrow view it works through, rather
 * than the node's routing table and record store themselves. Called on the node's scheduler.
 */
public interface MaintainedNode {

    /** The protocol parameters in force. */
    KademliaParameters parameters();

    /** The buckets no lookup has touched for {@code idle}, by index. */
    List<Integer> bucketsIdleFor(Duration idle);

    /** Looks up a random id in the range of bucket {@code index}. */
    void refreshBucket(int index);

    /**
     * Up to {@code limit} contacts silent since {@code since}, silent longest first: those in the
     * routing table and those waiting in its replacement caches.
     */
    List<Contact> silentContacts(Instant since, int limit);

    /**
     * Pings {@code contact}; its silence counts against it in the routing table, and it leaves the table
     * (or the replacement cache it waits in) at once when its address cannot be reached.
     */
    void check(Contact contact);

    /** Every record the node holds. */
    Collection<StoredRecord> records();

    /** Stores {@code record}, which this node published, again on the nodes now closest to its key. */
    void republish(StoredRecord record);

    /**
     * Sends the replica {@code record} to the nodes now closest to its key, with the lifetime it has
     * left: replication never extends a value's life.
     */
    void replicate(StoredRecord record);

    /** Drops every record expired at {@code now}. */
    void expireRecords(Instant now);
}
