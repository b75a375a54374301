package io.kadmesh.testing;

import java.time.Instant;
import java.util.Arrays;

import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.storage.SignedRecord;

/** Records for tests of the codec and the lookup, where the signature is carried but not checked. */
public final class Records {

    /** A fixed public key, 32 bytes of 0x11, and the publisher id it yields. */
    public static final byte[] FIXED_KEY = filled(32, 0x11);
    public static final NodeId FIXED_PUBLISHER = NodeId.sha1(FIXED_KEY);
    /** When the fixed records expire: 2026-12-01T00:00:00Z. */
    public static final Instant FIXED_EXPIRY = Instant.ofEpochMilli(1_796_083_200_000L);

    private Records() {
    }

    /** A record of {@code value} under {@code key} with a fixed publisher and a signature that does not verify. */
    public static SignedRecord unsigned(NodeId key, String value) {
        return new SignedRecord(key, value, FIXED_PUBLISHER, FIXED_KEY, 7, FIXED_EXPIRY, filled(64, 0x22));
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
