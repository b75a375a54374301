package io.kadmesh.plugin.websocket;

/** The WebSocket close codes (RFC 6455, section 7.4) this transport sends. */
final class CloseCodes {

    /** The transport or the node is shutting down. */
    static final int GOING_AWAY = 1001;

    /** The peer sent a binary frame; the protocol is text only. */
    static final int UNSUPPORTED_DATA = 1003;

    /** An inbound peer arrived before the node listens; it may try again later. */
    static final int TRY_AGAIN_LATER = 1013;

    private CloseCodes() {
    }
}
