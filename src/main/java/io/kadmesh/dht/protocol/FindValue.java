package io.kadmesh.dht.protocol;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;

/**
 * Asks a peer for the value stored under {@code key} (the paper's FIND_VALUE). A peer holding it
 * answers with {@link Value}; otherwise with {@link Nodes}, the contacts it knows closest to the key.
 */
public record FindValue(String requestId, Contact sender, NodeId key) implements Request {

    /** The wire name. */
    public static final String TYPE = "find_value";

    /** Checks that the request id is well formed and the sender and key are set. */
    public FindValue {
        MessageChecks.requestId(requestId);
        MessageChecks.present(sender, "sender");
        MessageChecks.present(key, "key");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
