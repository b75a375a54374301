package io.kadmesh.rest;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.kadmesh.config.live.ConfigSnapshot;
import io.kadmesh.config.live.LiveConfiguration;
import io.kadmesh.dht.routing.BucketView;
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

    /**
     * The routing table in full: each non-empty bucket, by its index (the length of the prefix its
     * contacts share with this node's id), with its contacts and the replacement cache behind it.
     */
    public record RoutingTableView(String nodeId, int size, List<BucketJson> buckets) {
    }

    /** One k-bucket: its contacts, least recently seen first, and those waiting for room in it, oldest first. */
    public record BucketJson(int index, List<ContactJson> contacts, List<ContactJson> replacements) {
    }

    /**
     * One contact: its id and address, {@code browser} or {@code node}, when it was last heard from, its
     * failed requests in a row, and whether a link to it is open.
     */
    public record ContactJson(String nodeId, String address, String kind, Instant lastSeen, int failures,
            boolean linked) {
    }

    /** {@code GET /api/node/routing-table}: what the node's routing table holds, bucket by bucket. */
    @GET
    @Path("/routing-table")
    public CompletionStage<RoutingTableView> routingTable() {
        var dht = lifecycle.running().dht();
        return dht.buckets().thenApply(buckets -> new RoutingTableView(dht.id().toHex(),
                buckets.stream().mapToInt(bucket -> bucket.contacts().size()).sum(),
                buckets.stream().map(bucket -> new BucketJson(bucket.index(), json(bucket.contacts()),
                        json(bucket.replacements()))).toList()));
    }

    private static List<ContactJson> json(List<BucketView.Entry> entries) {
        return entries.stream().map(entry -> new ContactJson(entry.contact().id().toHex(), entry.contact().address(),
                entry.contact().isBrowser() ? "browser" : "node", entry.lastSeen(), entry.failures(), entry.linked()))
                .toList();
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
