package io.kadmesh.node;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A bootstrap node of its own for the tests whose hostile peers enter its routing table and hold its
 * links, so that what they leave behind never reaches the tests of the default application.
 */
public class HostilePeersProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("kadmesh.profile", "hostile-peers", "kadmesh.identity.key-file", "target/hostile-peers-node.key");
    }
}
