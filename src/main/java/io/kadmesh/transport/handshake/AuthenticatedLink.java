package io.kadmesh.transport.handshake;

import io.kadmesh.dht.NodeId;
import io.kadmesh.spi.transport.PeerLink;

/**
 * A link whose peer passed the hello handshake. {@link #peerId()} is never empty on it.
 */
public interface AuthenticatedLink extends PeerLink {

    /** The id the peer proved it holds; the same id as {@link #peerId()}. */
    NodeId peerNodeId();

    /**
     * The address the peer advertised in its hello, where it says other nodes can dial it. The
     * handshake proves the peer's id, not this address: it is the peer's claim.
     */
    String peerAddress();
}
