package io.kadmesh.plugin.websocket;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.PeerLink.Direction;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.BasicWebSocketConnector.ExecutionModel;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * One outbound dial, on a connector of its own. Every callback is attached before the connection
 * is made and runs on the connection's event loop, in order: open, then frames, then close.
 */
final class Dial {

    /** How many connect timeouts a dial may take in all: TCP, then TLS, then the upgrade. */
    static final int DEADLINE_IN_CONNECT_TIMEOUTS = 3;

    private final DialTarget target;
    private final LinkHandler handler;
    private final LinkRegistry registry;
    private final Duration connectTimeout;
    private final CompletableFuture<PeerLink> result = new CompletableFuture<>();
    /** Set on the event loop when the connection opens; read there by later callbacks. */
    private volatile WebSocketLink link;

    Dial(DialTarget target, LinkHandler handler, LinkRegistry registry, Duration connectTimeout) {
        this.target = target;
        this.handler = handler;
        this.registry = registry;
        this.connectTimeout = connectTimeout;
    }

    /** Dials with {@code connector}, which must be fresh; the stage completes after the handler's onOpen. */
    CompletionStage<PeerLink> start(BasicWebSocketConnector connector) {
        connector.baseUri(target.baseUri())
                .path(target.path())
                .executionModel(ExecutionModel.NON_BLOCKING)
                .customizeOptions(this::tune)
                .onOpen(this::opened)
                .onTextMessage((connection, frame) -> received(frame))
                .onBinaryMessage((connection, data) -> WebSocketLink.closeConnection(connection,
                        CloseCodes.UNSUPPORTED_DATA, "binary frames are not supported"))
                .onClose((connection, reason) -> closed(reason));
        connector.connect().subscribe().with(connection -> {
        }, failure -> result.completeExceptionally(DialFailures.describe(target, failure, connectTimeout)));
        startDeadline();
        return result.minimalCompletionStage();
    }

    private void tune(WebSocketConnectOptions connect, WebSocketClientOptions client) {
        int millis = Math.toIntExact(connectTimeout.toMillis());
        client.setConnectTimeout(millis);
        client.setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
        client.setSslHandshakeTimeout(millis);
        // Nodes send no Origin: the origin check lets them in and refuses only browsers' pages.
        connect.setAllowOriginHeader(false);
    }

    private void startDeadline() {
        Duration deadline = connectTimeout.multipliedBy(DEADLINE_IN_CONNECT_TIMEOUTS);
        CompletableFuture.delayedExecutor(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> result.completeExceptionally(DialFailures.unanswered(target, deadline)));
    }

    private void opened(WebSocketClientConnection connection) {
        if (result.isDone()) {
            WebSocketLink.closeConnection(connection, CloseCodes.GOING_AWAY, "dial abandoned");
            return;
        }
        WebSocketLink opened = new WebSocketLink(connection, target.address(), Direction.OUTBOUND, handler, registry);
        link = opened;
        registry.add(opened);
        opened.opened();
        if (!result.complete(opened)) {
            opened.close(CloseCodes.GOING_AWAY, "dial abandoned");
        }
    }

    private void received(String frame) {
        WebSocketLink current = link;
        if (current != null) {
            current.deliver(frame);
        }
    }

    /**
     * Reports the close. The connector reports a connection that ended without a close frame as its
     * constant {@link CloseReason#INTERNAL_SERVER_ERROR}, which would blame this side; it is reported
     * as {@value CloseCodes#ABNORMAL_CLOSURE} instead, as the server endpoint does.
     */
    private void closed(CloseReason reason) {
        WebSocketLink current = link;
        if (current == null) {
            return;
        }
        if (reason == CloseReason.INTERNAL_SERVER_ERROR) {
            current.closed(CloseCodes.ABNORMAL_CLOSURE, "connection lost without a close frame");
        } else {
            current.closed(reason.getCode(), reason.getMessage());
        }
    }
}
