package io.kadmesh.rest;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.kadmesh.bootstrap.BootstrapRegistry;
import io.kadmesh.config.NodeConfig;
import io.kadmesh.node.LiveNode;
import io.kadmesh.node.NodeLifecycle;

/**
 * {@code GET /api/network/health}: on a bootstrap, every node registered with it and the state each
 * last reported, with when it was last heard from; on a node, the node itself, without
 * {@code lastSeen} (no one saw it: it describes itself). 503 when no node runs.
 */
@Path("/api/network/health")
@Produces(MediaType.APPLICATION_JSON)
public class NetworkHealthResource {

    private final NodeLifecycle lifecycle;
    private final BootstrapRegistry registry;

    NetworkHealthResource(NodeLifecycle lifecycle, BootstrapRegistry registry) {
        this.lifecycle = lifecycle;
        this.registry = registry;
    }

    /** One node's reported state; {@code lastSeen} only when a bootstrap heard from it. */
    public record NodeHealth(String nodeId, String url, boolean ready, int connections,
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant lastSeen) {
    }

    /** Whether every node listed is ready, how many there are, and each. */
    public record NetworkHealth(boolean healthy, int total, List<NodeHealth> nodes) {
    }

    @GET
    public NetworkHealth health() {
        LiveNode node = lifecycle.running();
        List<NodeHealth> nodes = node.role() == NodeConfig.Role.BOOTSTRAP
                ? registry.nodes().stream().map(registered -> new NodeHealth(registered.nodeId().toHex(),
                        registered.url(), registered.ready(), registered.connections(), registered.lastSeen()))
                        .toList()
                : List.of(new NodeHealth(node.dht().id().toHex(), node.dht().contact().address(), node.isReady(),
                        node.linkCount(), null));
        return new NetworkHealth(!nodes.isEmpty() && nodes.stream().allMatch(NodeHealth::ready), nodes.size(), nodes);
    }
}
