package io.kadmesh.spi.transport;

import java.util.concurrent.CompletionStage;

/**
 * A way to exchange text frames with peers: WebSocket, WebRTC DataChannels, or an in-memory network
 * in simulations. The node collects every transport, wraps each in its own guards, and picks one per
 * peer. Implementations must be safe to call from any thread.
 */
public interface Transport {

    /** A short stable name, used in errors and metrics: {@code websocket}, {@code webrtc}. */
    String id();

    /** Whether this transport can dial {@code address} (usually judged by its scheme). */
    boolean supports(String address);

    /**
     * Whether the transport can work here at all. A transport whose native library failed to load
     * reports that instead of failing the node.
     */
    default TransportStatus status() {
        return TransportStatus.AVAILABLE;
    }

    /**
     * Starts taking inbound links and hands each to {@code handler}, which is in place before any
     * frame of theirs is read. Called once, before the first dial.
     */
    void listen(LinkHandler handler);

    /**
     * Opens a link to {@code address}. The handler receives the link's frames and its close; it is
     * attached before the link opens, so no frame can be missed. The stage fails with a
     * {@link TransportException} naming the phase that failed.
     */
    CompletionStage<PeerLink> dial(String address, LinkHandler handler);

    /** Closes every link and stops listening. */
    void close();
}
