package io.kadmesh.dht.protocol;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.storage.SignedRecord;

/**
 * Asks a peer to keep a publisher's signed {@code record} (the paper's STORE) until the record's
 * expiry. The publisher sends it, and so does a holder passing on its replica unchanged. The peer
 * answers with {@link Stored}, or with an {@link ErrorReply} when it declines.
 */
public record Store(String requestId, Contact sender, SignedRecord record) implements Request {

    /** The wire name. */
    public static final String TYPE = "store";

    /** Checks that the request id is well formed and the sender and record are set. */
    public Store {
        MessageChecks.requestId(requestId);
        MessageChecks.present(sender, "sender");
        MessageChecks.present(record, "record");
    }

    /** The key to store the value under. */
    public NodeId key() {
        return record.key();
    }

    /** The value to store. */
    public String value() {
        return record.value();
    }

    @Override
    public String type() {
        return TYPE;
    }
}
