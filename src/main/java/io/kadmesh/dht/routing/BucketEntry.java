package io.kadmesh.dht.routing;

import java.time.Instant;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;

/** A contact held by a k-bucket, with when it was last heard from and how many requests it left unanswered. */
final class BucketEntry {

    private Contact contact;
    private Instant lastSeen;
    private int failures;
    /**
     * The id's leading bits and whether the contact is a browser, kept here so that a search for the nearest reads no further.
     */
    private final long leadingBits;
    private boolean browser;

    BucketEntry(Contact contact, Instant lastSeen) {
        this.contact = contact;
        this.lastSeen = lastSeen;
        this.leadingBits = contact.id().leadingBits();
        this.browser = contact.isBrowser();
    }

    Contact contact() {
        return contact;
    }

    NodeId id() {
        return contact.id();
    }

    /**
     * Whether this is the entry of {@code id}, whose leading bits are {@code idLeadingBits}: most entries are told apart by
     * those alone.
     */
    boolean holds(NodeId id, long idLeadingBits) {
        return leadingBits == idLeadingBits && contact.id().equals(id);
    }

    /** {@link NodeId#leadingBits()} of the contact's id. */
    long leadingBits() {
        return leadingBits;
    }

    /** Whether the contact is a browser, which cannot be dialed. */
    boolean isBrowser() {
        return browser;
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
        browser = current.isBrowser();
        lastSeen = now;
        failures = 0;
    }

    /** One more request went unanswered; returns the count of consecutive failures. */
    int fail() {
        return ++failures;
    }
}
