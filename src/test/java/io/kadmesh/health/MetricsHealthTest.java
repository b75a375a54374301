package io.kadmesh.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import io.kadmesh.metrics.GuardedMetrics;
import io.kadmesh.metrics.ScriptedRecorder;

class MetricsHealthTest {

    private final ScriptedRecorder plugin = new ScriptedRecorder();
    private final GuardedMetrics metrics = new GuardedMetrics(plugin, "scripted", List.of("websocket"), 3,
            Duration.ofMinutes(1), System::nanoTime);
    private final MetricsHealth health = new MetricsHealth(metrics);

    @Test
    void mustBeDownOnlyWhileThePluginIsSwitchedOff() {
        metrics.apply(false, null, "default");
        assertEquals(HealthCheckResponse.Status.UP, health.call().getStatus(), "off by config is an operator's choice");

        metrics.apply(true, "c1", "default");
        plugin.failWith = () -> new IllegalStateException("broken");
        for (int i = 0; i < 3; i++) {
            metrics.lookup(1);
        }
        HealthCheckResponse down = health.call();
        assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
        assertEquals(true, down.getData().orElseThrow().get("switchedOff"));
        assertEquals(3L, down.getData().orElseThrow().get("failures"));

        plugin.failWith = null;
        metrics.apply(false, "c2", "default");
        metrics.apply(true, "c3", "default");
        assertEquals(HealthCheckResponse.Status.UP, health.call().getStatus());
    }
}
