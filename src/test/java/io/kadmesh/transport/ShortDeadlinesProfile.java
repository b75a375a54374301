package io.kadmesh.transport;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The app with its node off, listening on loopback only, and dial deadlines short enough for tests:
 * the WebSocket transport's own 3 s (3 × 1 s connect timeout; the first TLS dial of a JVM spends a
 * good part of a second loading its trust store) and the 500 ms handshake inside the guard's 5 s,
 * with one retry after a connect failure.
 */
public class ShortDeadlinesProfile implements QuarkusTestProfile {

    /** The WebSocket transport's connect timeout; three of them bound its dial. */
    static final int CONNECT_TIMEOUT_MS = 1000;

    /** The handshake timeout. */
    static final int HANDSHAKE_TIMEOUT_MS = 500;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "kadmesh.node.enabled", "false",
                "quarkus.http.host", "127.0.0.1",
                "kadmesh.transport.websocket.connect-timeout", CONNECT_TIMEOUT_MS + "ms",
                "kadmesh.identity.handshake-timeout", HANDSHAKE_TIMEOUT_MS + "ms",
                "kadmesh.guard.dial-timeout", "5s",
                "kadmesh.guard.dial-retries", "1",
                "kadmesh.guard.dial-backoff", "10ms",
                "kadmesh.guard.breaker-volume", "100");
    }
}
