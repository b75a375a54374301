package io.kadmesh.bootstrap;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * A WebSocket to a loopback server from a chosen loopback source address (127.0.0.2 and so on), so
 * that a test can play several hosts at once: the JDK's client cannot choose its source address.
 */
final class SourceSocket implements AutoCloseable {

    private static final long WAIT_SECONDS = 10;

    private final Vertx vertx = Vertx.vertx();
    private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    /** Opens {@code path} on 127.0.0.1:{@code port} from {@code source}, with an optional Origin header. */
    SourceSocket(String source, int port, String path, String origin) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setLocalAddress(source)
                .setMaxMessageSize(1 << 20));
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                .setURI(path).setAllowOriginHeader(origin != null);
        if (origin != null) {
            options.addHeader("Origin", origin);
        }
        socket = client.connect(options).map(opened -> {
            opened.textMessageHandler(frames::add);
            return opened;
        }).toCompletionStage()
                .toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    SourceSocket(String source, int port, String path) throws Exception {
        this(source, port, path, null);
    }

    /** The next frame the server sent; fails the test when none arrives in time. */
    String next() throws InterruptedException {
        String frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(frame, "no frame within " + WAIT_SECONDS + " s");
        return frame;
    }

    /** Sends {@code frame} and returns the next frame. */
    String exchange(String frame) throws Exception {
        socket.writeTextMessage(frame).toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        return next();
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join();
    }
}
