package io.kadmesh.node;

import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.kadmesh.bootstrap.BootstrapMessages;
import io.kadmesh.identity.NodeIdentity;
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
    /** Who the fake bootstrap is. */
    static final NodeIdentity IDENTITY = NodeIdentity.generate();
    /** The one challenge it opens every link with (a real bootstrap draws one per link). */
    static final BootstrapMessages.Challenge CHALLENGE = new BootstrapMessages.Challenge(IDENTITY.id(),
            IDENTITY.publicKey(), new byte[BootstrapMessages.NONCE_BYTES]);

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            HttpServer server = vertx.createHttpServer().webSocketHandler(socket -> {
                socket.textMessageHandler(frame -> {
                    FRAMES.add(frame);
                    socket.writeTextMessage(answer(frame));
                });
                socket.writeTextMessage(BootstrapMessages.challenge(CHALLENGE));
            }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return Map.of("kadmesh.bootstrap.urls", "ws://127.0.0.1:" + server.actualPort() + "/bootstrap");
        } catch (Exception e) {
            throw new IllegalStateException("the fake bootstrap could not listen on 127.0.0.1", e);
        }
    }

    private static String answer(String frame) {
        if (BootstrapMessages.parseRequest(frame) instanceof BootstrapMessages.Leave leave) {
            return BootstrapMessages.left(leave.nodeId(), true);
        }
        var register = (BootstrapMessages.Register) BootstrapMessages.parseRequest(frame);
        return BootstrapMessages.introductions(BootstrapMessages.Introductions.signedBy(IDENTITY, CHALLENGE, register,
                List.of()));
    }

    @Override
    public void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }
}
