package io.kadmesh.plugin.websocket;

/** The WebSocket close codes (RFC 6455, section 7.4) this transport sends. */
final class CloseCodes {

    /** The transport or the node is shutting down. */
    static final int GOING_AWAY = 1001;

    /** The peer sent a binary frame; the protocol is text only. */
    static final int UNSUPPORTED_DATA = 1003;

    /** The peer sent a frame longer than the transport's message size limit. */
    static final int MESSAGE_TOO_BIG = 1009;

    /** Something failed on this side while handling the link. */
    static final int INTERNAL_ERROR = 1011;

    /** An inbound peer arrived before the node listens; it may try again later. */
    static final int TRY_AGAIN_LATER = 1013;

    private CloseCodes() {
    }
}
