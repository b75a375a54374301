package io.kadmesh.dht.protocol;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;

/**
 * Asks a peer to keep {@code value} under {@code key} (the paper's STORE). The peer answers with
 * {@link Stored}, or with an {@link ErrorReply} when it declines.
 */
public record Store(String requestId, Contact sender, NodeId key, String value) implements Request {

    /** The wire name. */
    public static final String TYPE = "store";

    /** Checks that the request id is well formed and the sender, key and value are set. */
    public Store {
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
