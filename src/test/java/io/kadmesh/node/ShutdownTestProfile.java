package io.kadmesh.node;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A plain node (not a bootstrap) that joins through {@link FakeBootstrap}, with its own profile name. */
public class ShutdownTestProfile implements QuarkusTestProfile {

    /** The profile name the node reports. */
    static final String PROFILE = "shutdown-test";
    /** The shutdown timeout configured. */
    static final int TIMEOUT_SECONDS = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("kadmesh.role", "node", "kadmesh.profile", PROFILE,
                "kadmesh.shutdown.timeout", TIMEOUT_SECONDS + "s",
                "kadmesh.identity.key-file", "target/shutdown-test-node.key");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeBootstrap.class));
    }
}
