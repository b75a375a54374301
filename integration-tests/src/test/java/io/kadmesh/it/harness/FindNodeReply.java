package io.kadmesh.it.harness;

import java.util.List;

/**
 * What {@code POST /api/dht/find-node} answers.
 *
 * @param closest the closest nodes found, nearest first
 * @param hops hops the lookup took
 * @param queries requests the lookup sent to other nodes
 * @param durationMs how long the lookup took inside the node, in milliseconds (fractional)
 */
public record FindNodeReply(List<Contact> closest, int hops, int queries, double durationMs) {

    public FindNodeReply {
        closest = closest == null ? List.of() : List.copyOf(closest);
    }

    /** The ids of {@link #closest()}, in the same order. */
    public List<String> closestIds() {
        return closest.stream().map(Contact::nodeId).toList();
    }

    /**
     * One node found.
     *
     * @param nodeId its id, 40 hex digits
     * @param url its advertised URL
     */
    public record Contact(String nodeId, String url) {
    }
}
