package io.kadmesh.node;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A record store of 40 KiB in all and 16 KiB per sender and per publisher, so that tests fill it quickly. */
public class SmallStoreProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("kadmesh.storage.max-bytes", "40K", "kadmesh.storage.max-bytes-per-sender", "16K",
                "kadmesh.storage.max-bytes-per-publisher", "16K");
    }
}
