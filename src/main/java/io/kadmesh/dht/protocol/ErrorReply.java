package io.kadmesh.dht.protocol;

import io.kadmesh.dht.Contact;

/**
 * Tells the requester that its frame could not be read or its request was not carried out.
 * {@code requestId} is the id of the failed request, or null when the frame had no readable id;
 * {@code message} explains the failure to a human.
 */
public record ErrorReply(String requestId, Contact sender, ErrorCode code, String message) implements Reply {

    /** The wire name. */
    public static final String TYPE = "error";

    /** Checks that the request id, when present, is well formed and the other fields are set. */
    public ErrorReply {
        if (requestId != null) {
            MessageChecks.requestId(requestId);
        }
        MessageChecks.present(sender, "sender");
        MessageChecks.present(code, "code");
        MessageChecks.present(message, "message");
    }

    /** The reply a node sends, as {@code self}, to a frame that failed to decode. */
    public static ErrorReply from(DecodeError error, Contact self) {
        MessageChecks.present(error, "error");
        return new ErrorReply(error.requestId(), self, error.code(), error.detail());
    }

    /** The reply a node sends, as {@code self}, to a well-formed {@code request} it did not carry out. */
    public static ErrorReply answering(Message request, Contact self, ErrorCode code, String message) {
        MessageChecks.present(request, "request");
        return new ErrorReply(request.requestId(), self, code, message);
    }

    @Override
    public String type() {
        return TYPE;
    }
}
