package io.kadmesh.dht.storage;

/**
 * The byte budgets of a record store, counted with {@link StoredRecord#footprint()}.
 *
 * @param totalBytes most bytes held in all
 * @param perSenderBytes most bytes held for one sender: the peer whose stores brought the records
 *        (this node itself for its own publications)
 * @param perPublisherBytes most bytes held for one publisher
 */
public record StorageLimits(long totalBytes, long perSenderBytes, long perPublisherBytes) {

    /** One mebibyte. */
    private static final long MIB = 1024 * 1024;

    /**
     * 8 MiB in all, 1 MiB per sender and per publisher: the store stays a tenth of the 80 MB a node
     * process may take, and at least eight senders and eight publishers are needed to fill it.
     */
    public static final StorageLimits DEFAULTS = new StorageLimits(8 * MIB, MIB, MIB);

    public StorageLimits {
        positive(totalBytes, "totalBytes");
        positive(perSenderBytes, "perSenderBytes");
        positive(perPublisherBytes, "perPublisherBytes");
    }

    private static void positive(long bytes, String name) {
        if (bytes < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + bytes);
        }
    }
}
