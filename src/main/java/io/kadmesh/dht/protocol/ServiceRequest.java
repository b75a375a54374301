package io.kadmesh.dht.protocol;

import io.kadmesh.dht.Contact;

/**
 * Asks a peer's {@code service}, a protocol built over the DHT such as pubsub, to act on {@code body}:
 * a JSON text the service alone reads. The DHT carries it over its links, with their identity, limits
 * and timeouts, and knows nothing of what it says. The peer answers with a {@link ServiceReply}, or
 * with an {@link ErrorReply} when it has no such service or the service declines.
 */
public record ServiceRequest(String requestId, Contact sender, String service, String body) implements Request {

    /** The wire name. */
    public static final String TYPE = "service";

    /** Checks that the request id and service name are well formed and the sender and body are set. */
    public ServiceRequest {
        MessageChecks.requestId(requestId);
        MessageChecks.present(sender, "sender");
        MessageChecks.serviceName(service);
        MessageChecks.present(body, "body");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
