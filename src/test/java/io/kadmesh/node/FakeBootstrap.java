package io.kadmesh.node;

import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.kadmesh.bootstrap.BootstrapMessages;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * A bootstrap of the test's own on 127.0.0.1, port 0, which the node under test is configured to
 * join: it introduces no peers, and keeps every frame it receives for the test to read.
 */
public class FakeBootstrap implements QuarkusTestResourceLifecycleManager {

    /** Every frame received, in order. */
    static final LinkedBlockingQueue<String> FRAMES = new LinkedBlockingQueue<>();

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            HttpServer server = vertx.createHttpServer().webSocketHandler(socket -> socket.textMessageHandler(frame -> {
                FRAMES.add(frame);
                socket.writeTextMessage(answer(frame));
            })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return Map.of("kadmesh.bootstrap.urls", "ws://127.0.0.1:" + server.actualPort() + "/bootstrap");
        } catch (Exception e) {
            throw new IllegalStateException("the fake bootstrap could not listen on 127.0.0.1", e);
        }
    }

    private static String answer(String frame) {
        if (BootstrapMessages.parseRequest(frame) instanceof BootstrapMessages.Leave leave) {
            return BootstrapMessages.left(leave.nodeId(), true);
        }
        return BootstrapMessages.introductions(List.of());
    }

    @Override
    public void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }
}
