package io.kadmesh.node;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A bootstrap node of its own for the tests of peers that stop reading, so that the node's link count
 * holds only the links those tests open.
 */
public class SlowReaderProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("kadmesh.profile", "slow-reader", "kadmesh.identity.key-file", "target/slow-reader-node.key");
    }
}
