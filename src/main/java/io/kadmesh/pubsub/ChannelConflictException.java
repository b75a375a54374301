package io.kadmesh.pubsub;

import io.kadmesh.dht.NodeId;

/** A channel's key is held by a live record that is not that channel's: the channel cannot be created. */
public final class ChannelConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient NodeId owner;

    ChannelConflictException(ChannelName name, NodeId owner, String why) {
        super("channel '" + name + "' cannot be created: its key " + name.key() + " is held by publisher " + owner
                + ", whose record is not this channel's (" + why + ")");
        this.owner = owner;
    }

    /** The publisher of the record that holds the key. */
    public NodeId owner() {
        return owner;
    }
}
