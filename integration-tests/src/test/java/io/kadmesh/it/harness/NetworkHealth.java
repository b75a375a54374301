package io.kadmesh.it.harness;

import java.util.List;

/**
 * What {@code GET /api/network/health} tells: on a bootstrap, every node that registered with it.
 *
 * @param healthy whether the network looks healthy
 * @param total how many nodes are listed
 * @param nodes the nodes
 */
public record NetworkHealth(boolean healthy, int total, List<Member> nodes) {

    public NetworkHealth {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /**
     * One registered node.
     *
     * @param nodeId its id
     * @param url its advertised URL
     * @param ready whether it reported ready
     * @param connections how many live connections it reported
     * @param lastSeen when it was last heard of, as the node writes it
     */
    public record Member(String nodeId, String url, boolean ready, int connections, String lastSeen) {
    }
}
