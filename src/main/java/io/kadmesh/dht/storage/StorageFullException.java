package io.kadmesh.dht.storage;

/** A publication refused because this node's record store has no room for it within its byte budgets. */
public final class StorageFullException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** {@code reason} names the budget that is used up. */
    public StorageFullException(String reason) {
        super(reason);
    }
}
