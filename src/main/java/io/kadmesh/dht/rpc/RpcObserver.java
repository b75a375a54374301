package io.kadmesh.dht.rpc;

import java.time.Duration;

/**
 * Hears what a node's {@link RpcEndpoint} and its lookups do, as they do it: the node layer turns this
 * into metrics. Calls come on the node's scheduler (a reply shed under flood, on the transport's
 * thread), pass only what the node knows already (the bytes it counted for {@link Traffic}, the type it
 * decoded or encoded, the hops a lookup counted), and must return at once and never throw.
 */
public interface RpcObserver {

    /** Hears nothing. */
    RpcObserver NONE = new RpcObserver() {
    };

    /**
     * A frame of {@code bytes} bytes (UTF-8 on the wire) arrived on a link of {@code transport}; {@code type}
     * is the wire name of the message it decoded as, null when it did not decode.
     */
    default void received(String transport, String type, long bytes) {
    }

    /** A frame of {@code bytes} bytes, a message of wire type {@code type}, was handed to a link of {@code transport}. */
    default void sent(String transport, String type, long bytes) {
    }

    /** A link of {@code transport}, accepted ({@code inbound}) or dialed, opened. */
    default void linkOpened(String transport, boolean inbound) {
    }

    /** A link of {@code transport}, accepted ({@code inbound}) or dialed, closed. */
    default void linkClosed(String transport, boolean inbound) {
    }

    /**
     * A request of wire type {@code type} that this node sent ended after {@code took}: answered when
     * {@code failure} is null, failed so otherwise.
     */
    default void requestEnded(String type, RpcException.Kind failure, Duration took) {
    }

    /** A request's frame could not be sent on its open link of {@code transport}. */
    default void sendFailed(String transport) {
    }

    /** An iterative lookup ended, its longest chain of queries {@code hops} long. */
    default void lookupEnded(int hops) {
    }
}
