package io.kadmesh.transport.handshake;

import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.transport.handshake.HandshakeMessage.Hello;
import io.kadmesh.transport.handshake.HandshakeMessage.HelloAck;

/**
 * What the peer of one link has proven so far, and the checks its messages must pass. No threads, no
 * I/O: {@link Handshake} feeds it the peer's messages and sends what it returns.
 */
final class HandshakeProgress {

    private final NodeIdentity self;
    private final byte[] ownNonce;
    private Hello peerHello;

    HandshakeProgress(NodeIdentity self, byte[] ownNonce) {
        this.self = self;
        this.ownNonce = ownNonce;
    }

    /** Takes the peer's hello and returns the hello_ack frame that answers it. */
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
        return HandshakeFrames.ack(HandshakeProof.sign(self, hello.nonce()));
    }

    /** Takes the peer's hello_ack and returns the hello of the peer it has now proven to be. */
    Hello acceptAck(HelloAck ack) throws HandshakeViolation {
        if (peerHello == null) {
            throw new HandshakeViolation("hello_ack before hello");
        }
        if (!HandshakeProof.verify(peerHello, ownNonce, ack.signature())) {
            throw new HandshakeViolation("bad handshake signature");
        }
        return peerHello;
    }
}
