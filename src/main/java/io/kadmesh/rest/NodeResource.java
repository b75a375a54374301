package io.kadmesh.rest;

import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.kadmesh.config.NodeConfig;
import io.kadmesh.dht.rpc.LinkInfo;
import io.kadmesh.node.LiveNode;
import io.kadmesh.node.NodeLifecycle;

/** {@code GET /api/node}: this node at a glance; 503 when no node runs, saying why. */
@Path("/api/node")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {

    private final NodeLifecycle lifecycle;
    private final NodeConfig config;

    NodeResource(NodeLifecycle lifecycle, NodeConfig config) {
        this.lifecycle = lifecycle;
        this.config = config;
    }

    /**
     * The node's id, role, readiness, routing table size, links and applied configuration, and the ids
     * its routing table holds, nearest to it first.
     */
    public record NodeView(String nodeId, String role, boolean ready, int routingTableSize, List<LinkInfo> connections,
            ConfigView config, List<String> routingTable) {
    }

    /**
     * Where the settings in force come from: the startup settings only, so {@code commit} is null
     * until live configuration from a Git repository arrives, and {@code profile} is
     * {@code kadmesh.profile}.
     */
    public record ConfigView(String commit, String profile) {
    }

    @GET
    public CompletionStage<NodeView> node() {
        LiveNode node = lifecycle.running();
        var dht = node.dht();
        return dht.links().thenCombine(dht.knownContacts(),
                (links, contacts) -> new NodeView(dht.id().toHex(), node.role().name().toLowerCase(),
                        node.isReady(), contacts.size(), links, new ConfigView(null, config.profile()),
                        contacts.stream().map(contact -> contact.id().toHex()).toList()));
    }
}
