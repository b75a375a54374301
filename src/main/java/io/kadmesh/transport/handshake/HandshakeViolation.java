package io.kadmesh.transport.handshake;

/**
 * A peer broke the handshake. The message is the close reason the peer is sent: short, ASCII, and
 * free of anything the peer wrote except what was checked to be harmless.
 */
final class HandshakeViolation extends Exception {

    private static final long serialVersionUID = 1L;

    HandshakeViolation(String reason) {
        super(reason, null, false, false);
    }
}
