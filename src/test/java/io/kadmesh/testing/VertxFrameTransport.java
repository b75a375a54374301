package io.kadmesh.testing;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Transport;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;

/**
 * A dial-only WebSocket transport over a Vert.x client of its own that writes every frame as exactly
 * one WebSocket frame, however long (the JDK's client cuts long messages into fragments itself), so
 * that a test can send the node one frame of any length. Loopback addresses only.
 */
public final class VertxFrameTransport implements Transport, AutoCloseable {

    private static final int UNLIMITED = 64 * 1024 * 1024;

    private final Vertx vertx = Vertx.vertx();
    private final WebSocketClient client = vertx.createWebSocketClient(
            new WebSocketClientOptions().setMaxFrameSize(UNLIMITED).setMaxMessageSize(UNLIMITED));

    @Override
    public String id() {
        return "vertx-one-frame";
    }

    @Override
    public boolean supports(String address) {
        return address.startsWith("ws://127.");
    }

    @Override
    public void listen(LinkHandler handler) {
        throw new UnsupportedOperationException("this transport only dials");
    }

    @Override
    public CompletionStage<PeerLink> dial(String address, LinkHandler handler) {
        if (!supports(address)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("loopback ws:// only: " + address));
        }
        URI uri = URI.create(address);
        // A node sends no Origin header; Vert.x would send one, which the node's origin check refuses.
        WebSocketConnectOptions options = new WebSocketConnectOptions().setPort(uri.getPort()).setHost(uri.getHost())
                .setURI(uri.getPath()).setAllowOriginHeader(false);
        return client.connect(options).toCompletionStage()
                .thenApply(socket -> new Link(address, socket, handler));
    }

    @Override
    public void close() {
        vertx.close();
    }

    /** One client link: every frame sent as one final text frame. */
    private static final class Link implements PeerLink {

        private final String address;
        private final WebSocket socket;

        Link(String address, WebSocket socket, LinkHandler handler) {
            this.address = address;
            this.socket = socket;
            socket.textMessageHandler(frame -> handler.onFrame(this, frame));
            socket.closeHandler(ignored -> handler.onClose(this,
                    socket.closeStatusCode() == null ? 1006 : socket.closeStatusCode(),
                    String.valueOf(socket.closeReason())));
            handler.onOpen(this);
        }

        @Override
        public String transportId() {
            return "vertx-one-frame";
        }

        @Override
        public String remoteAddress() {
            return address;
        }

        @Override
        public Direction direction() {
            return Direction.OUTBOUND;
        }

        @Override
        public CompletionStage<Void> send(String frame) {
            return socket.writeFrame(WebSocketFrame.textFrame(frame, true)).toCompletionStage();
        }

        @Override
        public boolean isOpen() {
            return !socket.isClosed();
        }

        @Override
        public void close(int code, String reason) {
            socket.close((short) code, reason);
        }
    }
}
