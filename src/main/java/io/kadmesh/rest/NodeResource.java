package io.kadmesh.rest;

import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.kadmesh.config.live.ConfigSnapshot;
import io.kadmesh.config.live.LiveConfiguration;
import io.kadmesh.dht.rpc.LinkInfo;
import io.kadmesh.node.LiveNode;
import io.kadmesh.node.NodeLifecycle;
import io.kadmesh.node.Transfer;

/** {@code GET /api/node}: this node at a glance; 503 when no node runs, saying why. */
@Path("/api/node")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {

    private final NodeLifecycle lifecycle;
    private final LiveConfiguration live;

    NodeResource(NodeLifecycle lifecycle, LiveConfiguration live) {
        this.lifecycle = lifecycle;
        this.live = live;
    }

    /**
     * The node's id, role, readiness, routing table size, links, traffic and applied configuration, the
     * ids its routing table holds, nearest to it first, and the pairs of browsers it relays between
     * (each pair's two ids in order), which could not reach each other over WebRTC.
     */
    public record NodeView(String nodeId, String role, boolean ready, int routingTableSize, List<LinkInfo> connections,
            Transfer transfer, ConfigView config, List<String> routingTable, List<List<String>> relays) {
    }

    /**
     * The live settings in force: the commit of the config repository they came from (null while the
     * node runs on the defaults built into the jar) and their profile. {@code GET /api/config} says more.
     */
    public record ConfigView(String commit, String profile) {
    }

    @GET
    public CompletionStage<NodeView> node() {
        LiveNode node = lifecycle.running();
        var dht = node.dht();
        ConfigSnapshot config = live.current();
        return dht.links().thenCombine(dht.knownContacts(),
                (links, contacts) -> new NodeView(dht.id().toHex(), node.role().name().toLowerCase(),
                        node.isReady(), contacts.size(), links, node.transfer(),
                        new ConfigView(config.commit(), config.settings().profile()),
                        contacts.stream().map(contact -> contact.id().toHex()).toList(), node.relayedPairs()));
    }
}
