package io.kadmesh.dht.node;

import java.util.Objects;

import io.kadmesh.dht.protocol.ErrorCode;

/**
 * A service declines a request, or a peer's service declined this node's: the error reply's code and
 * message.
 */
public final class ServiceRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /** A refusal with {@code code}, such as {@link ErrorCode#INVALID} or {@link ErrorCode#RATE_LIMITED}. */
    public ServiceRefusedException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code must be set");
    }

    /** The error code the reply carries. */
    public ErrorCode code() {
        return code;
    }
}
