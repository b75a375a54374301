package io.kadmesh.dht.protocol;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;

/** The answer to a {@link FindValue} from a peer that holds the value stored under {@code key}. */
public record Value(String requestId, Contact sender, NodeId key, String value) implements Reply {

    /** The wire name. */
    public static final String TYPE = "value";

    /** Checks that the request id is well formed and the sender, key and value are set. */
    public Value {
        MessageChecks.requestId(requestId);
        MessageChecks.present(sender, "sender");
        MessageChecks.present(key, "key");
        MessageChecks.present(value, "value");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
