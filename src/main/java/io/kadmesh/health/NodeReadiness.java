package io.kadmesh.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.kadmesh.config.NodeConfig;
import io.kadmesh.node.NodeRuntime;

/**
 * Readiness means useful to the DHT: joined, at least {@code kadmesh.connections.min} live links, and
 * a lookup that reached other nodes within the last refresh interval.
 */
@Readiness
@ApplicationScoped
public class NodeReadiness implements HealthCheck {

    private final NodeRuntime runtime;
    private final NodeConfig config;

    NodeReadiness(NodeRuntime runtime, NodeConfig config) {
        this.runtime = runtime;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        if (!runtime.isRunning()) {
            return HealthCheckResponse.named("dht").up().withData("node", "disabled").build();
        }
        var last = runtime.dht().readiness().lastLookupSucceeded();
        return HealthCheckResponse.named("dht").status(runtime.isReady())
                .withData("joined", runtime.isJoined())
                .withData("connections", runtime.linkCount())
                .withData("connectionsMin", config.connections().min())
                .withData("lastLookupSucceeded", last == null ? "never" : last.toString())
                .withData("lastJoinError", runtime.lastJoinError())
                .build();
    }
}
