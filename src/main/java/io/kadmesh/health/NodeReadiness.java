package io.kadmesh.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.kadmesh.config.NodeConfig;
import io.kadmesh.node.LiveNode;
import io.kadmesh.node.NodeLifecycle;
import io.kadmesh.node.NodeState;

/**
 * Readiness means useful to the DHT: joined, at least {@code kadmesh.connections.min} live links, and
 * a lookup that reached other nodes within the last refresh interval. DOWN, with the reason, when no
 * node runs.
 */
@Readiness
@ApplicationScoped
public class NodeReadiness implements HealthCheck {

    private final NodeLifecycle lifecycle;
    private final NodeConfig config;

    NodeReadiness(NodeLifecycle lifecycle, NodeConfig config) {
        this.lifecycle = lifecycle;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        NodeState state = lifecycle.state();
        if (state instanceof NodeState.NotRunning notRunning) {
            return HealthCheckResponse.named("dht").down().withData("node", notRunning.reason()).build();
        }
        LiveNode node = ((NodeState.Running) state).node();
        var last = node.lastLookupSucceeded();
        return HealthCheckResponse.named("dht").status(node.isReady())
                .withData("joined", node.isJoined())
                .withData("connections", node.linkCount())
                .withData("connectionsMin", config.connections().min())
                .withData("lastLookupSucceeded", last == null ? "never" : last.toString())
                .withData("lastJoinError", node.lastJoinError())
                .build();
    }
}
