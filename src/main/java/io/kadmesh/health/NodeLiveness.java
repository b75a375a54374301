package io.kadmesh.health;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import io.kadmesh.node.NodeRuntime;

/** Liveness: the node's event loop still runs tasks (a stuck loop means a process to restart). */
@Liveness
@ApplicationScoped
public class NodeLiveness implements HealthCheck {

    private final NodeRuntime runtime;

    NodeLiveness(NodeRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public HealthCheckResponse call() {
        if (!runtime.isRunning()) {
            return HealthCheckResponse.up("event-loop");
        }
        try {
            runtime.dht().knownContacts().get(2, TimeUnit.SECONDS);
            return HealthCheckResponse.up("event-loop");
        } catch (Exception e) {
            return HealthCheckResponse.named("event-loop").down().withData("error", e.toString()).build();
        }
    }
}
