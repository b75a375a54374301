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
    /** Longest service name, in characters. */
    public static final int MAX_SERVICE_LENGTH = 32;

    /** Checks that the request id and service name are well formed and the sender and body are set. */
    public ServiceRequest {
        MessageChecks.requestId(requestId);
        MessageChecks.present(sender, "sender");
        MessageChecks.serviceName(service);
        MessageChecks.present(body, "body");
    }

    /** Whether {@code name} may name a service: 1..{@value #MAX_SERVICE_LENGTH} characters of {@code a-z 0-9 _ -}. */
    public static boolean isServiceName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_SERVICE_LENGTH) {
            return false;
        }
        return name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-');
    }

    @Override
    public String type() {
        return TYPE;
    }
}
