package io.kadmesh.bootstrap;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.node.DhtNode;

/** What joining needs of the DHT node: to join through a peer, and the contacts it knows. */
public interface JoiningNode {

    /** Joins through {@code seed}, only if the node at its address proves to be its id. */
    CompletableFuture<Contact> join(Contact seed);

    /** The contacts the node knows now that it can dial: browsers, which cannot be dialed, left out. */
    CompletableFuture<List<Contact>> knownContacts();

    /** {@code dht} as a joining node. */
    static JoiningNode of(DhtNode dht) {
        return new JoiningNode() {
            @Override
            public CompletableFuture<Contact> join(Contact seed) {
                return dht.join(seed);
            }

            @Override
            public CompletableFuture<List<Contact>> knownContacts() {
                return dht.knownContacts()
                        .thenApply(known -> known.stream().filter(contact -> !contact.isBrowser()).toList());
            }
        };
    }
}
