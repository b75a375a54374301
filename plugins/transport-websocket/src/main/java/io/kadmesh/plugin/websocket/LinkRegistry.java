package io.kadmesh.plugin.websocket;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.kadmesh.spi.transport.LinkHandler;

/** The open links of this node, by connection id, and the handler for inbound ones. */
@Singleton
class LinkRegistry {

    private final Map<String, WebSocketLink> links = new ConcurrentHashMap<>();
    private final AtomicReference<LinkHandler> inboundHandler = new AtomicReference<>();
    private final long maxPendingWriteBytes;

    @Inject
    LinkRegistry(WebSocketTransportConfig config) {
        this(config.maxPendingWriteBytes().asLongValue());
    }

    LinkRegistry(long maxPendingWriteBytes) {
        if (maxPendingWriteBytes < 1) {
            throw new IllegalArgumentException(
                    "kadmesh.transport.websocket.max-pending-write-bytes must be positive, got " + maxPendingWriteBytes);
        }
        this.maxPendingWriteBytes = maxPendingWriteBytes;
    }

    /** Most bytes one link may have waiting for its socket; see {@link WebSocketTransportConfig#maxPendingWriteBytes()}. */
    long maxPendingWriteBytes() {
        return maxPendingWriteBytes;
    }

    /** Starts handing inbound links to {@code handler}; fails if another handler already listens. */
    void listen(LinkHandler handler) {
        Objects.requireNonNull(handler, "handler must be set");
        if (!inboundHandler.compareAndSet(null, handler)) {
            throw new IllegalStateException("the websocket transport is already listening");
        }
    }

    /** The handler for inbound links, or null before {@link #listen} and after {@link #closeAll}. */
    LinkHandler inboundHandler() {
        return inboundHandler.get();
    }

    /** Adds an open link. */
    void add(WebSocketLink link) {
        links.put(link.id(), link);
    }

    /** The open link of connection {@code id}, or null. */
    WebSocketLink find(String id) {
        return links.get(id);
    }

    /** Removes and returns the link of connection {@code id}, or null if there is none. */
    WebSocketLink remove(String id) {
        return links.remove(id);
    }

    /** Stops listening and starts closing every open link. */
    void closeAll(int code, String reason) {
        inboundHandler.set(null);
        List.copyOf(links.values()).forEach(link -> link.close(code, reason));
    }
}
