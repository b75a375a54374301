package io.kadmesh.transport.handshake;

import io.kadmesh.dht.NodeId;

/** A message of the hello handshake, as decoded by {@link HandshakeFrames}. */
sealed interface HandshakeMessage {

    /**
     * What each side sends first: who it is and a fresh nonce for the peer to sign. The arrays are
     * not copied; nothing changes them.
     */
    record Hello(int protocolVersion, NodeId nodeId, byte[] publicKey, byte[] nonce, String address)
            implements
                HandshakeMessage {
    }

    /** The answer to the peer's hello: the proof that the sender holds its key. */
    record HelloAck(byte[] signature) implements HandshakeMessage {
    }
}
