package io.kadmesh.node;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The test app with small inbound limits and a short handshake timeout. */
public class InboundLimitsProfile implements QuarkusTestProfile {

    /** Handshakes in progress admitted from one source host. */
    static final int PER_SOURCE = 4;

    /** The handshake timeout: short, yet long enough for an honest handshake on a loaded machine. */
    static final int HANDSHAKE_TIMEOUT_MS = 3000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("kadmesh.inbound.max-handshakes-per-source", Integer.toString(PER_SOURCE),
                "kadmesh.identity.handshake-timeout", HANDSHAKE_TIMEOUT_MS + "ms");
    }
}
