package io.kadmesh.dht.protocol;

import io.kadmesh.dht.Contact;

/** A service's answer to a {@link ServiceRequest}: a JSON text {@code body} the service alone reads. */
public record ServiceReply(String requestId, Contact sender, String body) implements Reply {

    /** The wire name. */
    public static final String TYPE = "service_reply";

    /** Checks that the request id is well formed and the sender and body are set. */
    public ServiceReply {
        MessageChecks.requestId(requestId);
        MessageChecks.present(sender, "sender");
        MessageChecks.present(body, "body");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
