package io.kadmesh.dht.node;

import io.kadmesh.dht.Contact;

/**
 * A service built over the DHT, answering the {@code service} requests that name it
 * ({@link DhtNode#offer}). Runs on the node's scheduler, so it must not block.
 */
@FunctionalInterface
public interface ServiceHandler {

    /**
     * The reply body to {@code body}, a request from {@code sender}: on an authenticated link, the peer
     * the link proved. Throws a {@link ServiceRefusedException} to answer with an error reply.
     */
    String answer(Contact sender, String body);
}
