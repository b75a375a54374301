package io.kadmesh.node;

import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A node whose metrics plugin is the test's {@link ScriptedMetricsPlugin}, never switched off for
 * failing, so that a plugin that throws is called, and throws, on every frame of the test.
 */
public class ScriptedMetricsProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(ScriptedMetricsPlugin.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("kadmesh.metrics.max-consecutive-failures", "1000000");
    }
}
