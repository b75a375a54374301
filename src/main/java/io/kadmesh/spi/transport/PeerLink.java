package io.kadmesh.spi.transport;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** One open connection to one peer, over one transport. */
public interface PeerLink {

    /** Which transport carries this link. */
    String transportId();

    /** The far end as this side sees it: the dialed address, or the remote socket for inbound links. */
    String remoteAddress();

    /** Whether this side dialed the link or accepted it. */
    Direction direction();

    /**
     * The id the peer proved it holds during the handshake, as 40 lowercase hex digits; empty on links
     * whose transport does not authenticate peers.
     */
    default Optional<String> peerId() {
        return Optional.empty();
    }

    /**
     * Sends one text frame. The stage completes when the transport has taken the frame, and fails
     * with a {@link TransportException} of phase {@link Phase#SEND} when it cannot.
     */
    CompletionStage<Void> send(String frame);

    /** Whether frames can still be sent. */
    boolean isOpen();

    /** Closes the link with a WebSocket-style close code and a reason the peer can read. */
    void close(int code, String reason);

    /** Who opened a link. */
    enum Direction {
        INBOUND,
        OUTBOUND
    }
}
