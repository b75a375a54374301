package io.kadmesh.plugin.webrtc;

import java.time.Duration;

import io.kadmesh.spi.transport.Transport;
import io.kadmesh.spi.transport.TransportProvider;

/**
 * The WebRTC transport outside a node, for tools ({@code kadmesh diagnose}): switched on, with room for
 * a few sessions. Registered for {@link java.util.ServiceLoader} in {@code META-INF/services}.
 */
public final class WebRtcTransportProvider implements TransportProvider {

    /** Sessions a tool's transport keeps at once. */
    static final int SESSIONS = 4;

    @Override
    public String id() {
        return WebRtcTransport.ID;
    }

    @Override
    public Transport create(Duration openTimeout) {
        return new WebRtcTransport(new WebRtcTransportConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public int maxSessions() {
                return SESSIONS;
            }

            @Override
            public Duration openTimeout() {
                return openTimeout;
            }
        });
    }
}
