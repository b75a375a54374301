package io.kadmesh.transport.handshake;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import io.kadmesh.dht.NodeId;
import io.kadmesh.spi.transport.PeerLink;

/** An inner link after its handshake: everything but the peer's identity is the inner link's. */
final class VerifiedLink implements AuthenticatedLink {

    private final PeerLink inner;
    private final NodeId peerNodeId;
    private final Optional<String> peerId;
    private final String peerAddress;
    private volatile boolean closedHere;

    VerifiedLink(PeerLink inner, NodeId peerNodeId, String peerAddress) {
        this.inner = inner;
        this.peerNodeId = peerNodeId;
        this.peerId = Optional.of(peerNodeId.toHex());
        this.peerAddress = peerAddress;
    }

    @Override
    public String transportId() {
        return inner.transportId();
    }

    @Override
    public String remoteAddress() {
        return inner.remoteAddress();
    }

    @Override
    public Direction direction() {
        return inner.direction();
    }

    /** The id the peer proved during the handshake. */
    @Override
    public Optional<String> peerId() {
        return peerId;
    }

    @Override
    public NodeId peerNodeId() {
        return peerNodeId;
    }

    @Override
    public String peerAddress() {
        return peerAddress;
    }

    @Override
    public CompletionStage<Void> send(String frame) {
        return inner.send(frame);
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public void close(int code, String reason) {
        closedHere = true;
        inner.close(code, reason);
    }

    /** Whether this side closed the link, and the inner link agrees it is closed. */
    boolean isClosedHere() {
        return closedHere && !inner.isOpen();
    }

    /** The inner link and the peer's id, for logs. */
    @Override
    public String toString() {
        return inner + " (peer " + peerNodeId.shortHex() + ")";
    }
}
