package io.kadmesh.diagnostics;

import java.util.Locale;

/** The steps of reaching a Kadmesh endpoint, in the order a path takes them. */
public enum Step {
    /** Resolving the host name. */
    DNS,
    /** Opening the TCP connection. */
    TCP,
    /** The TLS handshake, for {@code wss://} only. */
    TLS,
    /** The HTTP upgrade request, answered 101. */
    UPGRADE,
    /** The WebSocket open: the 101 answer proves the server read this upgrade's key. */
    OPEN,
    /** The peer protocol's greeting: the signed hello exchange on {@code /dht}, the challenge on {@code /bootstrap}. */
    HELLO,
    /** One request and its answer: a ping and its pong. */
    REQUEST,
    /**
     * Data flow: messages of mixed sizes relayed through the node between two throwaway peers arrive
     * intact and in order, requests of mixed sizes are all answered, and the node's counters for the link
     * moved by exactly their bytes.
     */
    FLOW,
    /**
     * The WebRTC path: two throwaway peers signal through the node and open a DataChannel (webrtc-java),
     * which carries messages of mixed sizes intact and in order. Checked once a diagnosis, from outside.
     */
    WEBRTC;

    /** The name in reports: lowercase. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
