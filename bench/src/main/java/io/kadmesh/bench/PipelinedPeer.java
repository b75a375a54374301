package io.kadmesh.bench;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.it.harness.HandshakeScript;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * The link benchmark's peer: one authenticated WebSocket to a node, on one Vert.x event loop, that
 * keeps {@code window} requests in flight. Every answer is read and the next request written on the
 * same thread, with no queue or thread hand-off between, so that the peer costs far less per request
 * than the node it measures (the JDK's WebSocket client, with a sender and a reader thread, cost about
 * twice the node's CPU per request and bounded the figure).
 */
final class PipelinedPeer implements AutoCloseable {

    private static final int MAX_FRAME_BYTES = 1 << 20;
    private static final String ERROR = "\"type\":\"error\"";

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private volatile boolean running = true;
    private WebSocket socket;

    /** Requests answered with the expected reply so far. */
    long answered() {
        return answered.get();
    }

    /** Requests answered with an error so far (a refusal would mean the figure measured the limits). */
    long refused() {
        return refused.get();
    }

    /**
     * Connects to {@code url}, passes the hello handshake as {@code identity} claiming
     * {@code address}, then sends {@code request} {@code window} times and again for each reply: one
     * that contains {@code answer}, or an error. Fails if the handshake does not end within {@code timeout}.
     */
    void start(String url, NodeIdentity identity, String address, String request, String answer, int window,
            Duration timeout) throws Exception {
        URI uri = URI.create(url);
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(uri.getHost())
                .setPort(uri.getPort()).setURI(uri.getPath());
        socket = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(MAX_FRAME_BYTES)
                .setMaxMessageSize(MAX_FRAME_BYTES)).connect(options).toCompletionStage().toCompletableFuture()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture<Void> authenticated = new CompletableFuture<>();
        byte[] nonce = new byte[32];
        new SecureRandom().nextBytes(nonce);
        Handshake handshake = new Handshake(identity, nonce, authenticated);
        socket.closeHandler(ignored -> closed.complete("closed with " + socket.closeStatusCode() + " "
                + socket.closeReason()));
        socket.textMessageHandler(frame -> {
            if (!handshake.done()) {
                handshake.received(frame);
            } else {
                answered(frame, request, answer);
            }
        });
        socket.writeTextMessage(HandshakeScript.hello(2, identity.id().toHex(), identity.publicKey(), nonce, address));
        CompletableFuture.anyOf(authenticated, closed).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!authenticated.isDone()) {
            throw new IllegalStateException("the node ended the handshake: " + closed.getNow(""));
        }
        vertx.runOnContext(ignored -> {
            for (int i = 0; i < window; i++) {
                socket.writeTextMessage(request);
            }
        });
    }

    /** Why the node closed the link, if it did. */
    String closeReason() {
        return closed.getNow(null);
    }

    /** Sends the next request for each reply; the node's own requests to this peer go unanswered. */
    private void answered(String frame, String request, String answer) {
        if (frame.contains(answer)) {
            answered.incrementAndGet();
        } else if (frame.contains(ERROR)) {
            if (refused.incrementAndGet() <= 3) {
                System.err.println("refused: " + frame);
            }
        } else {
            return;
        }
        if (running) {
            socket.writeTextMessage(request);
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        if (socket != null) {
            socket.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The peer's side of the hello handshake: the node's hello, then its hello_ack. */
    private final class Handshake {
        private final NodeIdentity identity;
        private final byte[] nonce;
        private final CompletableFuture<Void> authenticated;
        private boolean helloSeen;

        Handshake(NodeIdentity identity, byte[] nonce, CompletableFuture<Void> authenticated) {
            this.identity = identity;
            this.nonce = nonce;
            this.authenticated = authenticated;
        }

        boolean done() {
            return authenticated.isDone();
        }

        void received(String frame) {
            try {
                if (!helloSeen) {
                    helloSeen = true;
                    socket.writeTextMessage(
                            HandshakeScript.honestAck(identity, nonce, HandshakeScript.Hello.parse(frame)));
                } else {
                    HandshakeScript.signatureOf(frame);
                    authenticated.complete(null);
                }
            } catch (RuntimeException e) {
                authenticated.completeExceptionally(e);
            }
        }
    }
}
