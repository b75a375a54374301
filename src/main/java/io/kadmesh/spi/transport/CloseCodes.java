package io.kadmesh.spi.transport;

/**
 * The close codes a link ends with, WebSocket's (RFC 6455, section 7.4) on every transport, so that
 * both ends of any link read a close the same way. The one home of these numbers: the core, the
 * handshake and every plugin use these names, never the literals.
 */
public final class CloseCodes {

    /** An orderly close: trimmed over the link limit, a duplicate link, done with a bootstrap. */
    public static final int NORMAL_CLOSURE = 1000;

    /** The node or the transport is shutting down. */
    public static final int GOING_AWAY = 1001;

    /** The peer broke the transport's own framing, as with an unreadable DataChannel close frame. */
    public static final int PROTOCOL_ERROR = 1002;

    /**
     * Reported, never sent: the connection ended without a close frame, as when the peer's process
     * died or the network dropped it.
     */
    public static final int ABNORMAL_CLOSURE = 1006;

    /** The peer sent a binary frame; the protocol is text only. */
    public static final int UNSUPPORTED_DATA = 1003;

    /** The peer broke the protocol's rules: a forged sender, a failed handshake, a skipped hello. */
    public static final int POLICY_VIOLATION = 1008;

    /** The peer sent a frame longer than the transport's message size limit. */
    public static final int MESSAGE_TOO_BIG = 1009;

    /** Something failed on this side while handling the link. */
    public static final int INTERNAL_ERROR = 1011;

    /**
     * An inbound peer arrived before the node listens, or beyond its limits on inbound links and
     * handshakes; it may try again later.
     */
    public static final int TRY_AGAIN_LATER = 1013;

    private CloseCodes() {
    }
}
