package io.kadmesh.plugin.websocket;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.Connection;
import io.smallrye.mutiny.Uni;

/** An inbound link's socket: a connection of the WebSockets Next server endpoint. */
record ServerWire(Connection connection) implements Wire {

    @Override
    public String id() {
        return connection.id();
    }

    @Override
    public CompletionStage<Void> sendText(String frame) {
        return completion(connection.sendText(frame));
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public boolean isClosed() {
        return connection.isClosed();
    }

    @Override
    public CompletionStage<Void> close(int code, String reason) {
        return completion(connection.close(new CloseReason(code, reason)));
    }

    private static CompletionStage<Void> completion(Uni<Void> operation) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        operation.subscribe().with(done::complete, done::completeExceptionally);
        return done;
    }
}
