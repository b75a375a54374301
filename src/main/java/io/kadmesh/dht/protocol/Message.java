package io.kadmesh.dht.protocol;

import io.kadmesh.dht.Contact;

/**
 * One frame of the peer protocol: a request a node sends to a peer, or the reply that comes back.
 * A reply carries the request id of the request it answers, which is how the requester pairs them.
 * Every message is either a {@link Request} or a {@link Reply}.
 */
public sealed interface Message permits Request, Reply {

    /** Longest request id, in characters. */
    int MAX_REQUEST_ID_LENGTH = 64;

    /**
     * The id that pairs a reply with its request: 1..{@value #MAX_REQUEST_ID_LENGTH} characters of
     * {@code A-Z a-z 0-9 _ -}, chosen by the requester. A reply repeats the id of its request.
     */
    String requestId();

    /** The node that sent this message, as it wants to be reached. */
    Contact sender();

    /** The message's name on the wire, such as {@code find_node}. */
    String type();

    /** Whether {@code id} may be used as a request id. */
    static boolean isRequestId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_REQUEST_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (!isRequestIdChar(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isRequestIdChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }
}
