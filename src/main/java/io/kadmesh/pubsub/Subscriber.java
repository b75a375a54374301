package io.kadmesh.pubsub;

/**
 * Where a node hands a channel's messages to one of its local subscribers: an SSE client, or a
 * browser linked to it. Called on the node's scheduler, once per message, in each publisher's order;
 * it must not block.
 */
@FunctionalInterface
public interface Subscriber {

    /** Hands on {@code message}; false when this subscriber is gone, and is to be dropped. */
    boolean deliver(PubsubMessage message);

    /**
     * Whether this subscriber is gone already (its client disconnected), so that a quiet channel does
     * not keep it, nor its node's membership, until the next message finds out.
     */
    default boolean isGone() {
        return false;
    }
}
