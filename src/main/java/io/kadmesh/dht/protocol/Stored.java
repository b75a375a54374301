package io.kadmesh.dht.protocol;

import io.kadmesh.dht.Contact;

/** The answer to a {@link Store}: the peer now holds the value. */
public record Stored(String requestId, Contact sender) implements Reply {

    /** The wire name. */
    public static final String TYPE = "stored";

    /** Checks that the request id is well formed and the sender is set. */
    public Stored {
        MessageChecks.requestId(requestId);
        MessageChecks.present(sender, "sender");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
