package io.kadmesh.dht.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.kadmesh.dht.Ed25519;
import io.kadmesh.dht.NodeId;

/**
 * What a holder checks before it keeps or believes a {@link SignedRecord}: the publisher's id is the
 * SHA-1 digest of its public key (as node ids are derived), the signature verifies, the record has not
 * expired, and it does not claim to live longer than a publisher may give it.
 */
public final class RecordCheck {

    /** How far a publisher's clock may run ahead of a holder's: expiries this much beyond the limit pass. */
    public static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(1);

    private final Duration maxLifetime;

    /** A check that allows expiries up to {@code maxLifetime} (the protocol's {@code tExpire}) from now. */
    public RecordCheck(Duration maxLifetime) {
        this.maxLifetime = Objects.requireNonNull(maxLifetime, "maxLifetime must be set");
    }

    /** Why {@code record} must not be kept or believed at {@code now}; empty when it is sound. */
    public Optional<String> problem(SignedRecord record, Instant now) {
        if (!NodeId.sha1(record.publicKey()).equals(record.publisher())) {
            return Optional.of("publisher " + record.publisher() + " is not the id of the record's public key");
        }
        if (!now.isBefore(record.expiresAt())) {
            return Optional.of("record expired at " + record.expiresAt());
        }
        Instant latest = now.plus(maxLifetime).plus(CLOCK_TOLERANCE);
        if (record.expiresAt().isAfter(latest)) {
            return Optional.of("record expires at " + record.expiresAt() + ", later than the " + maxLifetime
                    + " a publication may live");
        }
        if (!Ed25519.verify(record.publicKey(), record.signedBytes(), record.signature())) {
            return Optional.of("record signature does not verify with the publisher's key");
        }
        return Optional.empty();
    }
}
