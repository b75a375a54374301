package io.kadmesh.dht.rpc;

/** Hears that the last open link to an authenticated peer has closed. */
@FunctionalInterface
public interface LinkLoss {

    /**
     * The last link to {@code peerId} (40 hex digits, as the handshake proved it) closed; {@code orderly}
     * when with close code 1000, the way a peer says goodbye, rather than by a failure, which hints that
     * the peer may be gone. Called on the scheduler; not called once the endpoint has stopped.
     */
    void lastLinkClosed(String peerId, boolean orderly);
}
