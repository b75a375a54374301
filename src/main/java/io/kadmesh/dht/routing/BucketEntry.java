package io.kadmesh.dht.routing;

import java.time.Instant;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;

/** A contact held by a k-bucket, with when it was last heard from and how many requests it left unanswered. */
final class BucketEntry {

    private Contact contact;
    private Instant lastSeen;
    private int failures;

    BucketEntry(Contact contact, Instant lastSeen) {
        this.contact = contact;
        this.lastSeen = lastSeen;
    }

    Contact contact() {
        return contact;
    }

    NodeId id() {
        return contact.id();
    }

    Instant lastSeen() {
        return lastSeen;
    }

    int failures() {
        return failures;
    }

    /** The contact was heard from at {@code now}, possibly at a new address: it is healthy again. */
    void seen(Contact current, Instant now) {
        contact = current;
        lastSeen = now;
        failures = 0;
    }

    /** One more request went unanswered; returns the count of consecutive failures. */
    int fail() {
        return ++failures;
    }
}
