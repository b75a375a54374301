package io.kadmesh.dht.routing;

import java.util.Objects;

import io.kadmesh.dht.Contact;

/** What the routing table did with a contact that was just seen alive. */
public sealed interface Insertion {

    /** Shared instance of {@link Added}. */
    Insertion ADDED = new Added();
    /** Shared instance of {@link Updated}. */
    Insertion UPDATED = new Updated();
    /** Shared instance of {@link Ignored}. */
    Insertion IGNORED = new Ignored();

    /** The contact was new and its bucket had room: it is now in the table. */
    record Added() implements Insertion {
    }

    /** The contact was already known: it is now the most recently seen of its bucket. */
    record Updated() implements Insertion {
    }

    /** The contact is this node itself, which the table never holds. */
    record Ignored() implements Insertion {
    }

    /**
     * The contact's bucket is full, so the contact waits in the bucket's replacement cache. The caller
     * should ping {@code leastRecentlySeen} and report it with {@link RoutingTable#recordFailure} if it
     * does not answer, which makes room for the waiting contact.
     *
     * @param leastRecentlySeen the bucket's contact heard from longest ago, the candidate for eviction
     */
    record PendingEviction(Contact leastRecentlySeen) implements Insertion {

        public PendingEviction {
            Objects.requireNonNull(leastRecentlySeen, "leastRecentlySeen must be set");
        }
    }
}
