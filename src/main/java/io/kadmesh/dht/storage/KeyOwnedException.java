package io.kadmesh.dht.storage;

import io.kadmesh.dht.NodeId;

/** A publication refused because another publisher's live record holds the key. */
public final class KeyOwnedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient NodeId key;
    private final transient NodeId owner;

    /** {@code owner} is the publisher whose record holds {@code key}, or null when it is not known. */
    public KeyOwnedException(NodeId key, NodeId owner, String detail) {
        super("key " + key + " is held by " + (owner == null ? "another publisher" : "publisher " + owner) + ": "
                + detail);
        this.key = key;
        this.owner = owner;
    }

    /** The key. */
    public NodeId key() {
        return key;
    }

    /** The publisher that holds the key, or null when it is not known. */
    public NodeId owner() {
        return owner;
    }
}
