package io.kadmesh.plugin.websocket;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The app with the transport on its own: the node core does not claim it, HTTP listens on loopback
 * only, and only {@code http://good.example} may open links from a web page.
 */
public class WebSocketTestProfile implements QuarkusTestProfile {

    /** The one origin the tests allow. */
    static final String GOOD_ORIGIN = "http://good.example";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "kadmesh.node.enabled", "false",
                "kadmesh.transport.websocket.allowed-origins", GOOD_ORIGIN,
                "quarkus.http.host", "127.0.0.1");
    }
}
