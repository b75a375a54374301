package io.kadmesh.spi.transport;

import java.time.Duration;
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

    /**
     * Opens a link to {@code address}, as {@link #dial(String, LinkHandler)} does, for the peer whose
     * node id (40 lowercase hex digits) the caller expects there, or {@code null} when it does not know
     * it. The node keys its guards by that id, so that a peer keeps one circuit breaker and one bound
     * on concurrent dials whatever address it is dialed at; a plugin may ignore it, as the default does.
     * It is the caller's belief, not a proof: only the handshake proves who answered.
     */
    default CompletionStage<PeerLink> dial(String address, String expectedPeerId, LinkHandler handler) {
        return dial(address, handler);
    }

    /**
     * The longest a dial of this transport takes before the transport fails it itself, naming the
     * phase that stalled (connect, TLS, upgrade...); zero, the default, for a transport whose dials
     * never wait on the network. The node checks at startup that this, plus the handshake, fits within
     * its one dial deadline ({@code kadmesh.guard.dial-timeout}), so that a stalled phase is reported as
     * itself and never as the node's timeout.
     */
    default Duration dialDeadline() {
        return Duration.ZERO;
    }

    /** Closes every link and stops listening. */
    void close();
}
