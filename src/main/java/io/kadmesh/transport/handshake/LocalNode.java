package io.kadmesh.transport.handshake;

import java.time.Duration;
import java.util.random.RandomGenerator;

import io.kadmesh.dht.Scheduler;
import io.kadmesh.identity.NodeIdentity;

/** What every handshake of one {@link HandshakeTransport} shares: who this node is, and its settings. */
record LocalNode(NodeIdentity identity, String address, Scheduler scheduler, Duration timeout,
        RandomGenerator random, String transportId) {

    /** Length of a hello's nonce. */
    static final int NONCE_BYTES = 32;

    /** A fresh nonce for one link's hello. */
    byte[] newNonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return nonce;
    }

    /** This node's hello, carrying {@code nonce}. */
    String helloFrame(byte[] nonce) {
        return HandshakeFrames.hello(new HandshakeMessage.Hello(HandshakeTransport.PROTOCOL_VERSION,
                identity.id(), identity.publicKey(), nonce, address));
    }

    /** The close reason of a handshake that took too long. */
    String timeoutReason() {
        return "handshake timed out after " + timeout.toMillis() + " ms";
    }
}
