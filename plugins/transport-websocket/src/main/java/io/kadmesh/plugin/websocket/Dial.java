package io.kadmesh.plugin.websocket;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.PeerLink.Direction;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * One outbound dial, on the transport's one Vert.x WebSocket client. The handlers are attached as the
 * connection opens, on its event loop, before any frame of it is read; they run there, in order:
 * open, then frames, then close.
 */
final class Dial {

    private static final Logger LOG = Logger.getLogger(Dial.class);

    /** How many connect timeouts a dial may take in all: TCP, then TLS, then the upgrade. */
    static final int DEADLINE_IN_CONNECT_TIMEOUTS = 3;

    private final DialTarget target;
    private final LinkHandler handler;
    private final LinkRegistry registry;
    private final Duration connectTimeout;
    private final CompletableFuture<PeerLink> result = new CompletableFuture<>();

    Dial(DialTarget target, LinkHandler handler, LinkRegistry registry, Duration connectTimeout) {
        this.target = target;
        this.handler = handler;
        this.registry = registry;
        this.connectTimeout = connectTimeout;
    }

    /** Dials with {@code client}; the stage completes after the handler's onOpen. */
    CompletionStage<PeerLink> start(WebSocketClient client) {
        client.connect(options()).onComplete(opened -> {
            if (opened.succeeded()) {
                opened(opened.result());
            } else {
                result.completeExceptionally(DialFailures.describe(target, opened.cause(), connectTimeout));
            }
        });
        startDeadline();
        return result.minimalCompletionStage();
    }

    private WebSocketConnectOptions options() {
        String query = target.baseUri().getRawQuery();
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.secure())
                .setURI(query == null ? target.path() : target.path() + "?" + query)
                .setConnectTimeout(connectTimeout.toMillis());
        // Nodes send no Origin: the origin check lets them in and refuses only browsers' pages.
        options.setAllowOriginHeader(false);
        return options;
    }

    private void startDeadline() {
        Duration deadline = connectTimeout.multipliedBy(DEADLINE_IN_CONNECT_TIMEOUTS);
        CompletableFuture.delayedExecutor(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> result.completeExceptionally(DialFailures.unanswered(target, deadline)));
    }

    private void opened(WebSocket socket) {
        Wire wire = new ClientWire(socket);
        if (result.isDone()) {
            WebSocketLink.closeWire(wire, CloseCodes.GOING_AWAY, "dial abandoned");
            return;
        }
        WebSocketLink link = new WebSocketLink(wire, target.address(), Direction.OUTBOUND, handler, registry);
        socket.textMessageHandler(link::deliver);
        socket.binaryMessageHandler(data -> WebSocketLink.closeWire(wire, CloseCodes.UNSUPPORTED_DATA,
                "binary frames are not supported"));
        socket.exceptionHandler(failure -> LOG.debugf(failure, "%s failed", link));
        socket.closeHandler(ignored -> closed(link, socket));
        registry.add(link);
        link.opened();
        if (!result.complete(link)) {
            link.close(CloseCodes.GOING_AWAY, "dial abandoned");
        }
    }

    /**
     * Reports the close. Vert.x gives a connection that ended without a close frame no status, or
     * {@value CloseCodes#ABNORMAL_CLOSURE} without a reason; either is reported as
     * {@value CloseCodes#ABNORMAL_CLOSURE} with the reason the server endpoint gives.
     */
    private static void closed(WebSocketLink link, WebSocket socket) {
        Short code = socket.closeStatusCode();
        if (code == null || code == CloseCodes.ABNORMAL_CLOSURE) {
            link.closed(CloseCodes.ABNORMAL_CLOSURE, "connection lost without a close frame");
        } else {
            link.closed(code, socket.closeReason());
        }
    }
}
