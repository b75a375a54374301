package io.kadmesh.plugin.websocket;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.http.WebSocket;

/** An outbound link's socket: a WebSocket of the transport's one Vert.x client. */
final class ClientWire implements Wire {

    private static final AtomicLong DIALED = new AtomicLong();

    private final WebSocket socket;
    private final String id = "dialed-" + DIALED.incrementAndGet();

    ClientWire(WebSocket socket) {
        this.socket = socket;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public CompletionStage<Void> sendText(String frame) {
        return socket.writeTextMessage(frame).toCompletionStage();
    }

    @Override
    public boolean isOpen() {
        return !socket.isClosed();
    }

    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public CompletionStage<Void> close(int code, String reason) {
        return socket.close((short) code, reason).toCompletionStage();
    }
}
