package io.kadmesh.dht.protocol;

import java.util.List;

import io.kadmesh.dht.NodeId;

/**
 * The top-level fields of a frame as read, before they are checked against the message type. A
 * field absent from the frame, or null in it, stays null. The first problem met while reading is
 * kept and reported once the whole frame, and so its type and request id, has been read.
 */
final class RawFrame {

    String type;
    String requestId;
    RawContact sender;
    String target;
    String key;
    String value;
    /** The first {@link Nodes#MAX_NODES} + 1 entries at most; an entry is null where it was not an object. */
    List<RawContact> nodes;
    /** How many entries the nodes array had in all. */
    int nodeCount;
    String code;
    String message;
    /** A record's publisher id, as read. */
    String publisher;
    /** A record's public key in base64, as read. */
    String publicKey;
    /** A record's sequence number, when it was a whole number that fits a long. */
    Long seq;
    /** A record's expiry in milliseconds since the epoch, when it was a whole number that fits a long. */
    Long expiresAt;
    /** A record's signature in base64, as read. */
    String signature;
    /** The service a service request names, as read. */
    String service;
    /** A service request's or reply's body, as read. */
    String body;

    private ErrorCode problemCode;
    private String problemDetail;
    private int seenFields;

    /**
     * A contact object as read: either part may be null. The id is parsed as it is read, from the
     * parser's buffer, so that the 40 digits of each contact in a reply never become a string.
     *
     * @param nodeId the id its {@code nodeId} field spells, or null when absent, null or not an id
     * @param hasNodeId whether the {@code nodeId} field was a string, an id or not
     * @param address its {@code address} field
     */
    record RawContact(NodeId nodeId, boolean hasNodeId, String address) {
    }

    /** Records {@code detail} unless an earlier problem was recorded. */
    void problem(ErrorCode code, String detail) {
        if (problemCode == null) {
            problemCode = code;
            problemDetail = detail;
        }
    }

    /** Fails with the first recorded problem, if any. */
    void failOnProblem() throws FrameException {
        if (problemCode != null) {
            throw new FrameException(problemCode, problemDetail);
        }
    }

    /** Marks the top-level field numbered {@code index} as seen; false when it was seen before. */
    boolean firstSight(int index) {
        int bit = 1 << index;
        boolean first = (seenFields & bit) == 0;
        seenFields |= bit;
        return first;
    }

    /**
     * The error for this frame, echoing its request id when it was read and is well formed, and its type
     * when it was read and is plain enough to echo by the same rule (1..64 characters of A-Z a-z 0-9 _ -).
     */
    DecodeError error(ErrorCode errorCode, String detail) {
        return new DecodeError(errorCode, detail, Message.isRequestId(requestId) ? requestId : null,
                Message.isRequestId(type) ? type : null);
    }
}
