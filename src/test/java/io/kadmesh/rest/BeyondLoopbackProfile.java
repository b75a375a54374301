package io.kadmesh.rest;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The HTTP server bound to every interface (the test still connects over 127.0.0.1), with an API token. */
public class BeyondLoopbackProfile implements QuarkusTestProfile {

    /** The token writes must carry. */
    static final String TOKEN = "test-token-0123456789";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.host", "0.0.0.0", "kadmesh.api.token", TOKEN);
    }
}
