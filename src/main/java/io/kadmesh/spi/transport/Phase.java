package io.kadmesh.spi.transport;

/** The step of reaching a peer that failed, as reported in every transport error. */
public enum Phase {
    /** Resolving the peer's host name. */
    DNS,
    /** Opening the connection: refused, unreachable, timed out. */
    CONNECT,
    /** Negotiating TLS. */
    TLS,
    /** Upgrading to the transport's protocol, such as the WebSocket HTTP upgrade. */
    UPGRADE,
    /** The peer protocol's hello: identity, version, signature. */
    HANDSHAKE,
    /** Sending a frame on an open link. */
    SEND
}
