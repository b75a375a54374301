package io.kadmesh.dht.protocol;

import io.kadmesh.dht.Contact;

/** The answer to a {@link Ping}: the sender is alive. */
public record Pong(String requestId, Contact sender) implements Reply {

    /** The wire name. */
    public static final String TYPE = "pong";

    /** Checks that the request id is well formed and the sender is set. */
    public Pong {
        MessageChecks.requestId(requestId);
        MessageChecks.present(sender, "sender");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
