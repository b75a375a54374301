package io.kadmesh.plugin.webrtc;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Startup settings of the WebRTC transport, under {@code kadmesh.transport.webrtc}. */
@ConfigMapping(prefix = "kadmesh.transport.webrtc")
public interface WebRtcTransportConfig {

    /**
     * {@code enabled}: whether the node takes WebRTC DataChannels from browsers. Off by default: the
     * native library costs a start about 0.4 s and the process some 30 MB, for nodes that browsers reach
     * over WebSocket anyway. On, and the library cannot load here, the node runs on without it and says
     * why (its log, {@code GET /api/node}'s {@code transports}).
     */
    @WithDefault("false")
    boolean enabled();

    /** {@code max-sessions}: most DataChannels, open or opening, the node keeps at once; offers beyond are refused. */
    @WithDefault("64")
    int maxSessions();

    /**
     * {@code open-timeout}: how long a DataChannel session, offered by a peer or by this node's dial, may
     * take to open its channel before it is given up; a dial then fails in its connect phase. With the
     * handshake's timeout, it must fit within {@code kadmesh.guard.dial-timeout}, as the node checks at
     * start.
     */
    @WithDefault("5s")
    Duration openTimeout();
}
