package io.kadmesh.dht.protocol;

import java.util.Locale;
import java.util.Optional;

/** Why a frame was rejected or a request failed. On the wire each code is its lowercase name. */
public enum ErrorCode {
    /** The frame is not JSON, not a JSON object, or a field has the wrong JSON type. */
    MALFORMED,
    /** The frame is JSON that ends before it is complete. */
    TRUNCATED,
    /** The frame is longer than the receiver accepts. */
    OVERSIZED,
    /** The frame's {@code type} names no message the receiver knows. */
    UNKNOWN_TYPE,
    /** A field is missing or its value is out of range, such as a node id that is not 40 hex digits. */
    INVALID,
    /** The receiver understood the request and declines to carry it out, such as a store of too large a value. */
    REFUSED,
    /**
     * The receiver refuses a store because another publisher's live record holds the key; only that
     * publisher may replace it until it expires. The message names the owner.
     */
    OWNED,
    /** The receiver failed while carrying out the request. */
    INTERNAL,
    /** The link sent more requests than the receiver answers per second, or more frames than it queues; try later. */
    RATE_LIMITED;

    private static final ErrorCode[] ALL = values();

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The code as it appears on the wire, such as {@code unknown_type}. */
    public String wireName() {
        return wireName;
    }

    /** The code whose wire name is exactly {@code wireName}, if there is one. */
    public static Optional<ErrorCode> fromWireName(String wireName) {
        for (ErrorCode code : ALL) {
            if (code.wireName.equals(wireName)) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }
}
