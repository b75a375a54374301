package io.kadmesh.dht.protocol;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.storage.SignedRecord;

/**
 * The answer to a {@link FindValue} from a peer that holds a record under the key: the record as its
 * publisher signed it, for the asker to verify.
 */
public record Value(String requestId, Contact sender, SignedRecord record) implements Reply {

    /** The wire name. */
    public static final String TYPE = "value";

    /** Checks that the request id is well formed and the sender and record are set. */
    public Value {
        MessageChecks.requestId(requestId);
        MessageChecks.present(sender, "sender");
        MessageChecks.present(record, "record");
    }

    /** The key from the request. */
    public NodeId key() {
        return record.key();
    }

    /** The stored value. */
    public String value() {
        return record.value();
    }

    @Override
    public String type() {
        return TYPE;
    }
}
