package io.kadmesh.plugin.websocket;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the WebSocket transport, under {@code kadmesh.transport.websocket}. */
@ConfigMapping(prefix = "kadmesh.transport.websocket")
public interface WebSocketTransportConfig {

    /**
     * {@code path}: the path dialed when a peer's address names none, such as {@code ws://host:8080}.
     * The server endpoint itself always listens on {@code /dht}; set this only when peers sit behind
     * a proxy that maps another path to it. Must start with {@code /}.
     */
    @WithDefault("/dht")
    String path();

    /**
     * {@code connect-timeout}: how long opening the TCP connection may take, and separately the TLS
     * handshake. A dial that has not opened after three times this long fails in the upgrade phase.
     * Three times this is the transport's own dial deadline, which must fit, with the node's handshake,
     * within the node's one dial deadline ({@code kadmesh.guard.dial-timeout}).
     */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * {@code allowed-origins}: when set, an inbound upgrade whose {@code Origin} header is not in this
     * list is refused with 403, which keeps web pages on other sites from opening links. Upgrades
     * without an {@code Origin} header, as nodes send them, are always allowed. Unset: no check.
     */
    Optional<List<String>> allowedOrigins();

    /**
     * {@code max-pending-write-bytes}: most bytes of frames one link may have waiting to be written to
     * its socket (beyond what the operating system buffers). A frame that would go beyond closes the
     * link with 1008, "peer does not read", so a peer that never reads cannot grow the node's heap;
     * other links are unaffected. Must be at least one frame of the largest size (1 MiB).
     */
    @WithDefault("2M")
    MemorySize maxPendingWriteBytes();
}
