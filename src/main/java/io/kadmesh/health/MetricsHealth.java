package io.kadmesh.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.kadmesh.metrics.GuardedMetrics;
import io.smallrye.health.api.Wellness;

/**
 * The metrics plugin, in {@code /q/health} (and {@code /q/health/well}), not in liveness or
 * readiness: messages flow whatever metrics do, so a failing plugin must not restart the node or
 * take it out of service, but an operator must see it. DOWN while the plugin is switched off after
 * repeated failures; UP when metrics work or config turned them off.
 */
@Wellness
@ApplicationScoped
public class MetricsHealth implements HealthCheck {

    private final GuardedMetrics metrics;

    MetricsHealth(GuardedMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public HealthCheckResponse call() {
        GuardedMetrics.State state = metrics.state();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("metrics").withData("plugin", state.plugin())
                .withData("enabled", state.enabled()).withData("switchedOff", state.switchedOff())
                .withData("failures", state.failures());
        if (state.lastFailure() != null) {
            response.withData("lastFailure", state.lastFailure());
        }
        return response.status(!state.switchedOff()).build();
    }
}
