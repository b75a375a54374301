package io.kadmesh.dht.protocol;

import io.kadmesh.dht.Contact;

/** Asks a peer whether it is alive (the paper's PING). A live peer answers with a {@link Pong}. */
public record Ping(String requestId, Contact sender) implements Request {

    /** The wire name. */
    public static final String TYPE = "ping";

    /** Checks that the request id is well formed and the sender is set. */
    public Ping {
        MessageChecks.requestId(requestId);
        MessageChecks.present(sender, "sender");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
