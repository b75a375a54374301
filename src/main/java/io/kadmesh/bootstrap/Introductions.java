package io.kadmesh.bootstrap;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.node.DhtNode;

/**
 * What a bootstrap's DHT node tells a newcomer: the k contacts it knows closest to the newcomer, a
 * few random others, and itself. Asking also makes the bootstrap's node ping a newcomer it does not
 * know yet, so that it learns the newcomer as the newcomer joins.
 */
public final class Introductions {

    /** Random contacts added to the closest ones. */
    static final int RANDOM_INTRODUCTIONS = 3;

    private final DhtNode dht;

    /** Introductions by the node {@code dht}. */
    public Introductions(DhtNode dht) {
        this.dht = dht;
    }

    /** The peers to introduce to {@code newcomer}, never the newcomer itself. */
    public CompletableFuture<List<Contact>> forNewcomer(Contact newcomer) {
        dht.knownContacts().thenAccept(known -> {
            if (known.stream().noneMatch(contact -> contact.id().equals(newcomer.id()))) {
                dht.ping(newcomer.address());
            }
        });
        return dht.introductions().forNewcomer(newcomer.id(), RANDOM_INTRODUCTIONS);
    }
}
