package io.kadmesh.dht.rpc;

import java.util.Objects;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.protocol.ErrorCode;
import io.kadmesh.dht.protocol.ErrorReply;
import io.kadmesh.dht.protocol.Message;
import io.kadmesh.dht.protocol.MessageCodec;
import io.kadmesh.dht.protocol.Store;
import io.kadmesh.dht.protocol.Value;

/**
 * Answers inbound requests within the frame limit: a request the handler fails on gets an
 * {@code internal} error, a store whose value could never be sent back in a {@code value} reply is
 * refused, and a reply that would exceed the limit goes as an error reply. Nothing here throws.
 */
final class Answerer {

    /** A request id of the greatest length, for sizing the replies a stored value may need. */
    private static final String LONGEST_REQUEST_ID = "x".repeat(Message.MAX_REQUEST_ID_LENGTH);

    private final Contact self;
    private final MessageCodec codec;
    private final RequestHandler requests;

    Answerer(Contact self, MessageCodec codec, RequestHandler requests) {
        this.self = self;
        this.codec = codec;
        this.requests = Objects.requireNonNull(requests, "requests must be set");
    }

    /** The reply to {@code request}. */
    Message answer(Message request) {
        if (request instanceof Store store && !replyFits(store)) {
            return new ErrorReply(store.requestId(), self, ErrorCode.REFUSED, "value too large: a value reply carrying it"
                    + " would exceed the frame limit of " + codec.maxFrameBytes() + " bytes");
        }
        try {
            return requests.handle(request);
        } catch (RuntimeException e) {
            return new ErrorReply(request.requestId(), self, ErrorCode.INTERNAL, "request failed: " + e.getMessage());
        }
    }

    /** The frame of {@code reply}; an error reply's instead when it would exceed the frame limit. */
    String frame(Message reply) {
        try {
            return codec.encode(reply);
        } catch (IllegalArgumentException tooLarge) {
            return codec.encode(new ErrorReply(reply.requestId(), self, ErrorCode.INTERNAL,
                    "the " + reply.type() + " reply " + tooLarge.getMessage()));
        }
    }

    /** Whether the value of {@code store} could later be sent back in a {@code value} reply to any request id. */
    private boolean replyFits(Store store) {
        return codec.fits(new Value(LONGEST_REQUEST_ID, self, store.record()));
    }
}
