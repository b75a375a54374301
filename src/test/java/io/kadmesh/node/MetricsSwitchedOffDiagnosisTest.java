package io.kadmesh.node;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.config.live.ConfigSnapshot;
import io.kadmesh.config.live.LiveConfiguration;
import io.kadmesh.metrics.GuardedMetrics;
import io.kadmesh.transport.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A metrics plugin that throws on every call is switched off by its guard, and the node's diagnosis
 * names it: switched off after so many failures, message flow unaffected, and how to retry it. The
 * diagnosis's own ping through the node still passes while the plugin throws.
 */
@QuarkusTest
@TestProfile(MetricsSwitchedOffDiagnosisTest.Profile.class)
@Timeout(60)
class MetricsSwitchedOffDiagnosisTest {

    /** The test's plugin, switched off after three failures in a row. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ScriptedMetricsPlugin.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kadmesh.metrics.max-consecutive-failures", "3");
        }
    }

    @Inject
    NodeLifecycle node;

    @Inject
    ScriptedMetricsPlugin plugin;

    @Inject
    GuardedMetrics metrics;

    @Inject
    LiveConfiguration live;

    @AfterEach
    void metricsBackOn() {
        plugin.failWith = null;
        ConfigSnapshot now = live.current();
        metrics.apply(false, now.commit(), now.settings().profile());
        metrics.apply(true, now.commit(), now.settings().profile());
    }

    @Test
    void aThrowingPluginIsNamedAsSwitchedOffWithMessageFlowUnaffected() {
        node.start();
        ConfigSnapshot now = live.current();
        metrics.apply(true, now.commit(), now.settings().profile());
        plugin.failWith = () -> new IllegalStateException("scripted failure");

        Eventually.await("the plugin switched off by the frames of diagnoses", Duration.ofSeconds(20), () -> {
            given().get("/api/diagnostics").then().statusCode(200)
                    .body("paths.find { it.role == 'node' }.ok", equalTo(true));
            return metrics.state().switchedOff();
        });

        given().get("/api/diagnostics").then().statusCode(200).body("healthy", equalTo(true))
                .body("node.metrics.switchedOff", equalTo(true))
                .body("findings.find { it.area == 'metrics' }.severity", equalTo("warning"))
                .body("findings.find { it.area == 'metrics' }.cause", containsString("switched off after"))
                .body("findings.find { it.area == 'metrics' }.cause", containsString("message flow unaffected"))
                .body("findings.find { it.area == 'metrics' }.cause", containsString("scripted failure"))
                .body("verdict", containsString("metrics plugin"));
    }
}
