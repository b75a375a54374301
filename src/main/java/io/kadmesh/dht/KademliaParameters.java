package io.kadmesh.dht;

import java.time.Duration;
import java.util.Objects;

/**
 * The protocol's parameters, with the paper's names (Maymounkov and Mazières, 2002).
 *
 * @param k bucket size and replication factor: how many contacts a bucket holds, how many nodes a
 *        lookup returns and a value is stored on
 * @param alpha how many queries of one lookup are in flight at once
 * @param replacementCacheSize how many fresh contacts a full bucket keeps in reserve for evicted ones
 * @param rpcTimeout how long a request waits for its response before the peer counts as unresponsive
 * @param maxFailures how many consecutive unanswered requests make a contact stale, so that it is
 *        replaced by a cached contact or dropped
 * @param tRefresh a bucket not looked up for this long is refreshed with a lookup of a random id in
 *        its range
 * @param tReplicate how often a node re-sends the values it holds to the k closest nodes
 * @param tRepublish how often the original publisher of a value stores it again
 * @param tExpire how long a value lives after it was last stored
 * @param maxValueLength longest value, in characters, that a node stores
 *        <p>
 *        Start from {@link #DEFAULTS} and change what differs with the {@code with...} copies; outside
 *        this record, no code calls the ten-argument constructor.
 */
public record KademliaParameters(int k, int alpha, int replacementCacheSize, Duration rpcTimeout, int maxFailures,
        Duration tRefresh, Duration tReplicate, Duration tRepublish, Duration tExpire, int maxValueLength) {

    /** The paper's values (k = 20, alpha = 3, hourly refresh and replication, daily expiry). */
    public static final KademliaParameters DEFAULTS = new KademliaParameters(20, 3, 10, Duration.ofSeconds(2), 2,
            Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(24), Duration.ofHours(24), 64 * 1024);

    public KademliaParameters {
        positive(k, "k");
        positive(alpha, "alpha");
        if (replacementCacheSize < 0) {
            throw new IllegalArgumentException("replacementCacheSize must be >= 0, got " + replacementCacheSize);
        }
        positive(rpcTimeout, "rpcTimeout");
        positive(maxFailures, "maxFailures");
        positive(tRefresh, "tRefresh");
        positive(tReplicate, "tReplicate");
        positive(tRepublish, "tRepublish");
        positive(tExpire, "tExpire");
        positive(maxValueLength, "maxValueLength");
    }

    private static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name + " must be set");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** A copy with another k. */
    public KademliaParameters withK(int newK) {
        return new KademliaParameters(newK, alpha, replacementCacheSize, rpcTimeout, maxFailures, tRefresh,
                tReplicate, tRepublish, tExpire, maxValueLength);
    }

    /** A copy with another alpha. */
    public KademliaParameters withAlpha(int newAlpha) {
        return new KademliaParameters(k, newAlpha, replacementCacheSize, rpcTimeout, maxFailures, tRefresh,
                tReplicate, tRepublish, tExpire, maxValueLength);
    }

    /** A copy with another replacement cache size. */
    public KademliaParameters withReplacementCacheSize(int newSize) {
        return new KademliaParameters(k, alpha, newSize, rpcTimeout, maxFailures, tRefresh, tReplicate,
                tRepublish, tExpire, maxValueLength);
    }

    /** A copy with another RPC timeout. */
    public KademliaParameters withRpcTimeout(Duration newTimeout) {
        return new KademliaParameters(k, alpha, replacementCacheSize, newTimeout, maxFailures, tRefresh,
                tReplicate, tRepublish, tExpire, maxValueLength);
    }

    /** A copy with another number of failures that make a contact stale. */
    public KademliaParameters withMaxFailures(int newMaxFailures) {
        return new KademliaParameters(k, alpha, replacementCacheSize, rpcTimeout, newMaxFailures, tRefresh,
                tReplicate, tRepublish, tExpire, maxValueLength);
    }

    /** A copy with another refresh interval. */
    public KademliaParameters withRefresh(Duration newRefresh) {
        return new KademliaParameters(k, alpha, replacementCacheSize, rpcTimeout, maxFailures, newRefresh,
                tReplicate, tRepublish, tExpire, maxValueLength);
    }

    /** A copy with another replication interval. */
    public KademliaParameters withReplicate(Duration newReplicate) {
        return new KademliaParameters(k, alpha, replacementCacheSize, rpcTimeout, maxFailures, tRefresh,
                newReplicate, tRepublish, tExpire, maxValueLength);
    }

    /** A copy with another republishing interval. */
    public KademliaParameters withRepublish(Duration newRepublish) {
        return new KademliaParameters(k, alpha, replacementCacheSize, rpcTimeout, maxFailures, tRefresh,
                tReplicate, newRepublish, tExpire, maxValueLength);
    }

    /** A copy with another lifetime of a stored value. */
    public KademliaParameters withExpire(Duration newExpire) {
        return new KademliaParameters(k, alpha, replacementCacheSize, rpcTimeout, maxFailures, tRefresh,
                tReplicate, tRepublish, newExpire, maxValueLength);
    }

    /** A copy with another longest value. */
    public KademliaParameters withMaxValueLength(int newMaxValueLength) {
        return new KademliaParameters(k, alpha, replacementCacheSize, rpcTimeout, maxFailures, tRefresh,
                tReplicate, tRepublish, tExpire, newMaxValueLength);
    }
}
