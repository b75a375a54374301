package io.kadmesh.transport.handshake;

import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.transport.handshake.HandshakeMessage.Hello;
import io.kadmesh.transport.handshake.HandshakeMessage.HelloAck;

/**
 * What the peer of one link has proven so far, and the checks its messages must pass. No threads, no
 * I/O: {@link Handshake} feeds it the peer's messages and sends what it returns.
 *
 * <p>
 * The side that dialed proves itself first: it answers the peer's hello with its hello_ack at once. The
 * side that accepted the link signs only once the dialer's proof has checked out, so that a party that
 * dials two nodes cannot get either to sign anything before it has proven an identity of its own.
 */
final class HandshakeProgress {

    private final NodeIdentity self;
    private final byte[] ownNonce;
    private final boolean provesFirst;
    private Hello peerHello;

    /** The progress of a link on which this node sent {@code ownNonce}; {@code dialed} when it dialed. */
    HandshakeProgress(NodeIdentity self, byte[] ownNonce, boolean dialed) {
        this.self = self;
        this.ownNonce = ownNonce;
        this.provesFirst = dialed;
    }

    /** Takes the peer's hello; returns the hello_ack frame to send now, or null when it waits for the peer's. */
    String acceptHello(Hello hello) throws HandshakeViolation {
        if (peerHello != null) {
            throw new HandshakeViolation("second hello");
        }
        if (!hello.nodeId().equals(NodeIdentity.idOf(hello.publicKey()))) {
            throw new HandshakeViolation("node id does not match its public key");
        }
        if (hello.nodeId().equals(self.id())) {
            throw new HandshakeViolation("peer is this node itself");
        }
        peerHello = hello;
        return provesFirst ? ackFrame() : null;
    }

    /**
     * Takes the peer's hello_ack once its signature checks out for this node's id and nonce; returns the
     * hello_ack this node still owes the peer (null for the dialer, which sent its own already).
     */
    String acceptAck(HelloAck ack) throws HandshakeViolation {
        if (peerHello == null) {
            throw new HandshakeViolation("hello_ack before hello");
        }
        if (!HandshakeProof.verify(peerHello, self.id(), ownNonce, ack.signature())) {
            throw new HandshakeViolation("bad handshake signature");
        }
        return provesFirst ? null : ackFrame();
    }

    /** The peer whose proof checked out; only after {@link #acceptAck}. */
    Hello peer() {
        return peerHello;
    }

    private String ackFrame() {
        return HandshakeFrames.ack(HandshakeProof.sign(self, ownNonce, peerHello));
    }
}
