package io.kadmesh.plugin.websocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.PeerLink.Direction;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

/**
 * One outbound dial, on the transport's one Vert.x WebSocket client. The socket's handlers are attached
 * before it connects, and run on its event loop, in order: open, then frames, then close. The acceptor
 * sends its {@code hello} as soon as its side is open, so that frame may come in before the connect
 * has completed here; frames that come before the link exists wait for it, at most
 * {@value #MAX_EARLY_FRAMES} of them.
 */
final class Dial {

    private static final Logger LOG = Logger.getLogger(Dial.class);

    /** How many connect timeouts a dial may take in all: TCP, then TLS, then the upgrade. */
    static final int DEADLINE_IN_CONNECT_TIMEOUTS = 3;
    /** Most frames kept for a link not created yet; the handshake needs one. */
    static final int MAX_EARLY_FRAMES = 4;

    private final DialTarget target;
    private final LinkHandler handler;
    private final LinkRegistry registry;
    private final Duration connectTimeout;
    private final CompletableFuture<PeerLink> result = new CompletableFuture<>();
    private final List<String> early = new ArrayList<>(1);
    /** Created when the connection opens; guarded by this. */
    private WebSocketLink link;

    Dial(DialTarget target, LinkHandler handler, LinkRegistry registry, Duration connectTimeout) {
        this.target = target;
        this.handler = handler;
        this.registry = registry;
        this.connectTimeout = connectTimeout;
    }

    /** Dials with {@code client}; the stage completes after the handler's onOpen. */
    CompletionStage<PeerLink> start(WebSocketClient client) {
        ClientWebSocket socket = client.webSocket();
        Wire wire = new ClientWire(socket);
        socket.textMessageHandler(this::received);
        socket.binaryMessageHandler(data -> WebSocketLink.closeWire(wire, CloseCodes.UNSUPPORTED_DATA,
                "binary frames are not supported"));
        socket.exceptionHandler(failure -> LOG.debugf(failure, "dial to %s failed", target.address()));
        socket.closeHandler(ignored -> closed(socket));
        socket.connect(options()).onComplete(opened -> {
            if (opened.succeeded()) {
                opened(wire);
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

    private synchronized void opened(Wire wire) {
        if (result.isDone()) {
            WebSocketLink.closeWire(wire, CloseCodes.GOING_AWAY, "dial abandoned");
            return;
        }
        link = new WebSocketLink(wire, target.address(), Direction.OUTBOUND, handler, registry);
        registry.add(link);
        link.opened();
        early.forEach(link::deliver);
        early.clear();
        if (!result.complete(link)) {
            link.close(CloseCodes.GOING_AWAY, "dial abandoned");
        }
    }

    private synchronized void received(String frame) {
        if (link != null) {
            link.deliver(frame);
        } else if (early.size() < MAX_EARLY_FRAMES) {
            early.add(frame);
        }
    }

    /**
     * Reports the close. Vert.x gives a connection that ended without a close frame no status, or
     * {@value CloseCodes#ABNORMAL_CLOSURE} without a reason; either is reported as
     * {@value CloseCodes#ABNORMAL_CLOSURE} with the reason the server endpoint gives.
     */
    private synchronized void closed(ClientWebSocket socket) {
        if (link == null) {
            return;
        }
        Short code = socket.closeStatusCode();
        if (code == null || code == CloseCodes.ABNORMAL_CLOSURE) {
            link.closed(CloseCodes.ABNORMAL_CLOSURE, "connection lost without a close frame");
        } else {
            link.closed(code, socket.closeReason());
        }
    }
}
