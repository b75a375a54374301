package io.kadmesh.it.harness;

import java.util.List;

/**
 * What {@code GET /api/node} tells about a node.
 *
 * @param nodeId its id, 40 hex digits
 * @param role {@code bootstrap} or {@code node}
 * @param ready whether it is ready (same as {@code /q/health/ready})
 * @param routingTableSize contacts in its routing table
 * @param connections its live connections
 * @param config where its configuration comes from
 * @param routingTable the ids its routing table holds, nearest to it first
 * @param relays the pairs of browsers it relays between, each pair's two ids in order
 */
public record NodeStatus(String nodeId, String role, boolean ready, int routingTableSize, List<Connection> connections,
        Config config, List<String> routingTable, List<List<String>> relays) {

    public NodeStatus {
        connections = connections == null ? List.of() : List.copyOf(connections);
        routingTable = routingTable == null ? List.of() : List.copyOf(routingTable);
        relays = relays == null ? List.of() : List.copyOf(relays);
    }

    /**
     * One live connection.
     *
     * @param peer the peer's node id
     * @param transport which transport carries it, e.g. {@code websocket}
     * @param direction {@code inbound} or {@code outbound}
     * @param bytesIn bytes received on it
     * @param bytesOut bytes sent on it
     */
    public record Connection(String peer, String transport, String direction, long bytesIn, long bytesOut) {
    }

    /**
     * The node's configuration source.
     *
     * @param commit the configuration commit it runs
     * @param profile the configuration profile
     */
    public record Config(String commit, String profile) {
    }
}
