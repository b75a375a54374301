package io.kadmesh.dht.protocol;

import java.time.Duration;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;

/**
 * Asks a peer to keep {@code value} under {@code key} (the paper's STORE) for {@code ttl}: the full
 * lifetime when the publisher stores it, what is left of it when a replica is passed on. The peer
 * answers with {@link Stored}, or with an {@link ErrorReply} when it declines.
 */
public record Store(String requestId, Contact sender, NodeId key, String value, Duration ttl) implements Request {

    /** The wire name. */
    public static final String TYPE = "store";

    /** Checks that the request id is well formed, the sender, key and value are set, and the ttl is positive. */
    public Store {
        MessageChecks.requestId(requestId);
        MessageChecks.present(sender, "sender");
        MessageChecks.present(key, "key");
        MessageChecks.present(value, "value");
        MessageChecks.positive(ttl, "ttl");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
