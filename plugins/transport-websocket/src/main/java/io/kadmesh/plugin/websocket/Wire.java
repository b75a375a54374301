package io.kadmesh.plugin.websocket;

import java.util.concurrent.CompletionStage;

/**
 * The socket under a {@link WebSocketLink}: the server endpoint's connection for inbound links, a Vert.x
 * client WebSocket for outbound ones.
 */
interface Wire {

    /** Unique among the open connections of this process. */
    String id();

    /** Writes one text message; completes once it is written to the socket. */
    CompletionStage<Void> sendText(String frame);

    /** Whether the connection is open. */
    boolean isOpen();

    /** Whether the connection is closed. */
    boolean isClosed();

    /** Sends a close frame with {@code code} and {@code reason}; completes once it is on its way. */
    CompletionStage<Void> close(int code, String reason);
}
