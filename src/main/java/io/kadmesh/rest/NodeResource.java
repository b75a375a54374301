package io.kadmesh.rest;

import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.kadmesh.dht.rpc.LinkInfo;
import io.kadmesh.node.NodeRuntime;

/** {@code GET /api/node}: this node at a glance. */
@Path("/api/node")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {

    private final NodeRuntime runtime;

    NodeResource(NodeRuntime runtime) {
        this.runtime = runtime;
    }

    /** The node's id, role, readiness, routing table size, links and applied configuration. */
    public record NodeView(String nodeId, String role, boolean ready, int routingTableSize, List<LinkInfo> connections,
            ConfigView config) {
    }

    /** The configuration in force: live Git configuration arrives later, so no commit yet. */
    public record ConfigView(String commit, String profile) {
    }

    @GET
    public CompletionStage<NodeView> node() {
        var dht = RunningNode.of(runtime);
        return dht.links().thenCombine(dht.knownContacts(),
                (links, contacts) -> new NodeView(dht.id().toHex(), runtime.role().name().toLowerCase(),
                        runtime.isReady(), contacts.size(), links, new ConfigView(null, "default")));
    }
}
