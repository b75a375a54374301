package io.kadmesh.dht.storage;

import io.kadmesh.dht.NodeId;

/** What became of a record offered to a {@link RecordStore}. */
public sealed interface StoreOutcome {

    /** The store now holds the record, or held this very publication already. */
    record Accepted() implements StoreOutcome {
    }

    /** Refused: another publisher's live record holds the key. */
    record Owned(NodeId owner) implements StoreOutcome {
    }

    /** Refused: the store holds a publication of the same publisher at least as new. */
    record Stale(long heldSeq) implements StoreOutcome {
    }

    /** Refused: a byte budget would be exceeded; {@code reason} names it. */
    record OverBudget(String reason) implements StoreOutcome {
    }

    /** The one {@link Accepted}. */
    StoreOutcome ACCEPTED = new Accepted();
}
