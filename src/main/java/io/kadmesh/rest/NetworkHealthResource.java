package io.kadmesh.rest;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.kadmesh.bootstrap.BootstrapRegistry;
import io.kadmesh.config.NodeConfig;
import io.kadmesh.node.NodeRuntime;

/**
 * {@code GET /api/network/health}: on a bootstrap, every node registered with it and the state each
 * last reported; on a node, the node itself.
 */
@Path("/api/network/health")
@Produces(MediaType.APPLICATION_JSON)
public class NetworkHealthResource {

    private final NodeRuntime runtime;
    private final BootstrapRegistry registry;

    NetworkHealthResource(NodeRuntime runtime, BootstrapRegistry registry) {
        this.runtime = runtime;
        this.registry = registry;
    }

    /** One node's reported state. */
    public record NodeHealth(String nodeId, String url, boolean ready, int connections, Instant lastSeen) {
    }

    /** Whether every node listed is ready, how many there are, and each. */
    public record NetworkHealth(boolean healthy, int total, List<NodeHealth> nodes) {
    }

    @GET
    public NetworkHealth health() {
        var dht = RunningNode.of(runtime);
        List<NodeHealth> nodes = runtime.role() == NodeConfig.Role.BOOTSTRAP
                ? registry.nodes().stream().map(node -> new NodeHealth(node.nodeId().toHex(), node.url(), node.ready(),
                        node.connections(), node.lastSeen())).toList()
                : List.of(new NodeHealth(dht.id().toHex(), dht.contact().address(), runtime.isReady(),
                        runtime.linkCount(), Instant.now()));
        return new NetworkHealth(!nodes.isEmpty() && nodes.stream().allMatch(NodeHealth::ready), nodes.size(), nodes);
    }
}
