package io.kadmesh.plugin.websocket;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Transport;
import io.quarkus.websockets.next.BasicWebSocketConnector;

/**
 * Links to peers over WebSocket: dials {@code ws://} and {@code wss://} URLs with the WebSockets Next
 * client and accepts peers on the {@code /dht} server endpoint. Handler calls run on the link's Vert.x
 * event loop, so handlers must not block.
 */
@ApplicationScoped
public class WebSocketTransport implements Transport {

    /** The id of this transport, as it appears in errors and metrics. */
    public static final String ID = "websocket";

    private final LinkRegistry registry;
    private final WebSocketTransportConfig config;

    @Inject
    WebSocketTransport(LinkRegistry registry, WebSocketTransportConfig config) {
        this.registry = registry;
        this.config = config;
    }

    /** Always {@value #ID}. */
    @Override
    public String id() {
        return ID;
    }

    /** Whether {@code address} is a {@code ws://} or {@code wss://} URL. */
    @Override
    public boolean supports(String address) {
        return DialTarget.isWebSocketUrl(address);
    }

    /**
     * Hands every inbound link to {@code handler}, from now until {@link #close()}. Peers that arrive
     * before this are closed with 1013 "not ready".
     *
     * @throws IllegalStateException if the transport already listens
     */
    @Override
    public void listen(LinkHandler handler) {
        registry.listen(handler);
    }

    /**
     * Dials {@code address}; a URL without a path gets {@code kadmesh.transport.websocket.path}. The
     * stage completes after {@code handler.onOpen}, and fails with a {@link io.kadmesh.spi.transport.TransportException}
     * naming the phase (DNS, CONNECT, TLS or UPGRADE) and the likely cause.
     *
     * @throws IllegalArgumentException if {@code address} is not a {@code ws://} or {@code wss://} URL
     */
    @Override
    public CompletionStage<PeerLink> dial(String address, LinkHandler handler) {
        Objects.requireNonNull(handler, "handler must be set");
        DialTarget target = DialTarget.parse(address, config.path());
        return new Dial(target, handler, registry, config.connectTimeout()).start(BasicWebSocketConnector.create());
    }

    /**
     * Three times {@code kadmesh.transport.websocket.connect-timeout}: a dial not open by then has
     * failed in its own phase, DNS, CONNECT, TLS or UPGRADE.
     */
    @Override
    public Duration dialDeadline() {
        return config.connectTimeout().multipliedBy(Dial.DEADLINE_IN_CONNECT_TIMEOUTS);
    }

    /** Stops listening and closes every link with 1001 "going away"; {@link #listen} may be called again. */
    @Override
    @PreDestroy
    public void close() {
        registry.closeAll(CloseCodes.GOING_AWAY, "transport closed");
    }
}
