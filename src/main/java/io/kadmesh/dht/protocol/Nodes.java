package io.kadmesh.dht.protocol;

import java.util.List;

import io.kadmesh.dht.Contact;

/**
 * The contacts a peer knows closest to the id it was asked about, nearest first: the answer to
 * {@link FindNode}, and to {@link FindValue} when the peer does not hold the value.
 */
public record Nodes(String requestId, Contact sender, List<Contact> nodes) implements Reply {

    /** The wire name. */
    public static final String TYPE = "nodes";
    /** Most contacts one reply may carry; a longer list is rejected. */
    public static final int MAX_NODES = 64;

    /**
     * Checks that the request id is well formed, the sender is set and {@code nodes} holds at most
     * {@value #MAX_NODES} contacts, none null; keeps an unmodifiable copy of the list.
     */
    public Nodes {
        MessageChecks.requestId(requestId);
        MessageChecks.present(sender, "sender");
        MessageChecks.present(nodes, "nodes");
        if (nodes.size() > MAX_NODES) {
            throw new IllegalArgumentException("nodes must hold at most " + MAX_NODES + " contacts, got " + nodes.size());
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) == null) {
                throw new NullPointerException("nodes[" + i + "] must be set");
            }
        }
        nodes = List.copyOf(nodes);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
