package io.kadmesh.dht.protocol;

/**
 * A frame that did not decode. {@code detail} says what is wrong in a sentence fit for a log or an
 * error reply. {@code requestId} and {@code type} are what could be read from the frame, each null
 * when absent or not well formed; a node uses them to address its {@link ErrorReply}.
 */
public record DecodeError(ErrorCode code, String detail, String requestId, String type) implements DecodeResult {

    /** Checks that the code and detail are set. */
    public DecodeError {
        MessageChecks.present(code, "code");
        MessageChecks.present(detail, "detail");
    }
}
