package io.kadmesh.plugin.websocket;

import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink.Direction;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;

/**
 * The server endpoint peers dial. Every callback is non-blocking, so it runs on the connection's
 * event loop, one at a time and in arrival order; a worker pool could reorder them.
 */
@WebSocket(path = DhtEndpoint.PATH, endpointId = DhtEndpoint.ID)
class DhtEndpoint {

    /** Where the endpoint listens. */
    static final String PATH = "/dht";

    /** The endpoint's id, which the origin check uses to pick it. */
    static final String ID = "kadmesh-dht";

    private final LinkRegistry registry;

    DhtEndpoint(LinkRegistry registry) {
        this.registry = registry;
    }

    /** Registers the new link before any frame of it is handled, then tells the listener. */
    @OnOpen
    @NonBlocking
    void opened(WebSocketConnection connection) {
        LinkHandler handler = registry.inboundHandler();
        if (handler == null) {
            WebSocketLink.closeConnection(connection, CloseCodes.TRY_AGAIN_LATER, "not ready");
            return;
        }
        String remote = InboundAddress.of(connection.handshakeRequest().remoteAddress());
        WebSocketLink link = new WebSocketLink(connection, remote, Direction.INBOUND, handler, registry);
        registry.add(link);
        link.opened();
    }

    /** Hands a text frame to its link. */
    @OnTextMessage
    @NonBlocking
    void received(String frame, WebSocketConnection connection) {
        WebSocketLink link = registry.find(connection.id());
        if (link != null) {
            link.deliver(frame);
        }
    }

    /** Refuses binary frames: the protocol is text only. */
    @OnBinaryMessage
    @NonBlocking
    void receivedBinary(Buffer data, WebSocketConnection connection) {
        WebSocketLink.closeConnection(connection, CloseCodes.UNSUPPORTED_DATA, "binary frames are not supported");
    }

    /**
     * A frame longer than the transport's message limit ends the link with 1009 (message too big)
     * rather than a generic internal error, so the peer learns why; other links are unaffected.
     */
    @OnError
    @NonBlocking
    void failed(IllegalStateException error, WebSocketConnection connection) {
        boolean tooBig = error.getMessage() != null && error.getMessage().contains("max message size");
        WebSocketLink.closeConnection(connection, tooBig ? CloseCodes.MESSAGE_TOO_BIG : CloseCodes.INTERNAL_ERROR,
                tooBig ? "frame exceeds the transport's message size limit" : "internal error");
    }

    /**
     * A single WebSocket frame longer than the transport's frame limit: Netty's decoder has already
     * dropped the connection (the peer sees 1006); handled here so that it is not logged as an error.
     */
    @OnError
    @NonBlocking
    void frameTooLong(CorruptedWebSocketFrameException error, WebSocketConnection connection) {
        WebSocketLink.closeConnection(connection, CloseCodes.MESSAGE_TOO_BIG, "frame exceeds the transport's frame limit");
    }

    /** Reports the close to the link's handler. */
    @OnClose
    @NonBlocking
    void closed(CloseReason reason, WebSocketConnection connection) {
        WebSocketLink link = registry.remove(connection.id());
        if (link != null) {
            link.closed(reason.getCode(), reason.getMessage());
        }
    }
}
