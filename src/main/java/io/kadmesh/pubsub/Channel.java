package io.kadmesh.pubsub;

import java.time.Instant;
import java.util.Objects;

import io.kadmesh.dht.NodeId;

/**
 * A channel as its record says: its name, when it was created, and its creator: the record's proven
 * publisher, the digest of the key that signed it (a node's own id, as nodes sign with their node
 * key), not a field of the value.
 */
public record Channel(ChannelName name, Instant createdAt, NodeId creator) {

    public Channel {
        Objects.requireNonNull(name, "name must be set");
        Objects.requireNonNull(createdAt, "createdAt must be set");
        Objects.requireNonNull(creator, "creator must be set");
    }
}
