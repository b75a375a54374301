package io.kadmesh.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.kadmesh.config.live.ConfigSnapshot;
import io.kadmesh.config.live.LiveConfiguration;
import io.kadmesh.node.LiveNode;
import io.kadmesh.node.NodeLifecycle;
import io.kadmesh.node.NodeState;

/**
 * Readiness means useful to the DHT: joined, at least {@code kadmesh.connections.min} live links, and
 * a lookup that reached other nodes within the last refresh interval, with the live settings in
 * force. DOWN, with the reason, when no node runs. The data names the applied config commit.
 */
@Readiness
@ApplicationScoped
public class NodeReadiness implements HealthCheck {

    private final NodeLifecycle lifecycle;
    private final LiveConfiguration live;

    NodeReadiness(NodeLifecycle lifecycle, LiveConfiguration live) {
        this.lifecycle = lifecycle;
        this.live = live;
    }

    @Override
    public HealthCheckResponse call() {
        NodeState state = lifecycle.state();
        ConfigSnapshot config = live.current();
        String commit = config.commit() == null ? "none (" + config.source().label() + ")" : config.commit();
        if (state instanceof NodeState.NotRunning notRunning) {
            return HealthCheckResponse.named("dht").down().withData("node", notRunning.reason())
                    .withData("configCommit", commit).build();
        }
        LiveNode node = ((NodeState.Running) state).node();
        var last = node.lastLookupSucceeded();
        return HealthCheckResponse.named("dht").status(node.isReady())
                .withData("joined", node.isJoined())
                .withData("connections", node.linkCount())
                .withData("connectionsMin", node.settings().connectionsMin())
                .withData("lastLookupSucceeded", last == null ? "never" : last.toString())
                .withData("lastJoinError", node.lastJoinError())
                .withData("configCommit", commit)
                .build();
    }
}
