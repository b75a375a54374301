package io.kadmesh.bootstrap;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.node.DhtNode;
import io.kadmesh.identity.NodeIdentity;

/**
 * What a bootstrap's DHT node tells a newcomer: the k contacts it knows closest to the newcomer, a
 * few random others, and itself, signed with the bootstrap's key; and the check that a newcomer's
 * advertised address answers with its id, after which the bootstrap's node knows it (and so
 * introduces it to others).
 */
public final class Introductions {

    /** Random contacts added to the closest ones. */
    static final int RANDOM_INTRODUCTIONS = 3;

    private final DhtNode dht;
    private final NodeIdentity identity;

    /** Introductions by the node {@code dht}, signed as {@code identity}, its identity. */
    public Introductions(DhtNode dht, NodeIdentity identity) {
        if (!dht.id().equals(identity.id())) {
            throw new IllegalArgumentException("introductions are signed by the bootstrap's own key");
        }
        this.dht = dht;
        this.identity = identity;
    }

    /** Who the bootstrap is on {@code /bootstrap}: its identity. */
    NodeIdentity identity() {
        return identity;
    }

    /** The peers to introduce to {@code newcomer}, never the newcomer itself. */
    public CompletableFuture<List<Contact>> forNewcomer(Contact newcomer) {
        return dht.introductions().forNewcomer(newcomer.id(), RANDOM_INTRODUCTIONS);
    }

    /** Completes with whether {@code newcomer.address()} answers as {@code newcomer.id()}. */
    public CompletableFuture<Boolean> verify(Contact newcomer) {
        return dht.verify(newcomer).handle((contact, failure) -> failure == null);
    }
}
