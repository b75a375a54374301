package io.kadmesh.dht.protocol;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;

/**
 * Asks a peer for the contacts it knows closest to {@code target} (the paper's FIND_NODE). The peer
 * answers with {@link Nodes}.
 */
public record FindNode(String requestId, Contact sender, NodeId target) implements Request {

    /** The wire name. */
    public static final String TYPE = "find_node";

    /** Checks that the request id is well formed and the sender and target are set. */
    public FindNode {
        MessageChecks.requestId(requestId);
        MessageChecks.present(sender, "sender");
        MessageChecks.present(target, "target");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
