package io.kadmesh.node;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A bootstrap node of its own for the test whose attackers open more links than it keeps. */
public class LinkRangeProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("kadmesh.profile", "link-range", "kadmesh.identity.key-file", "target/link-range-node.key");
    }
}
