package io.kadmesh.dht.protocol;

/**
 * Why a frame cannot become a message, raised while reading it and turned into a
 * {@link DecodeError} before {@link MessageCodec#decode(String)} returns. Carries no stack trace, so
 * rejecting a hostile frame stays cheap.
 */
final class FrameException extends Exception {

    private final ErrorCode code;

    FrameException(ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    /** The error code the frame earns. */
    ErrorCode code() {
        return code;
    }
}
