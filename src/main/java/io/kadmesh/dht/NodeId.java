package io.kadmesh.dht;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * A 160-bit Kademlia identifier: of a node, or of a stored key. Bit 0 is the most significant bit.
 * Immutable; equality is by value.
 */
public final class NodeId implements Comparable<NodeId> {

    /** Length of an id in bits (the paper's B). */
    public static final int BITS = 160;
    /** Length of an id in bytes. */
    public static final int BYTES = BITS / 8;

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;
    private final int hash;
    /** The hex form, computed on first use: every reply that lists contacts writes it. */
    private String hex;

    private NodeId(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** An id from exactly {@value #BYTES} bytes, copied. */
    public static NodeId of(byte[] bytes) {
        if (bytes == null || bytes.length != BYTES) {
            throw new IllegalArgumentException("a node id has " + BYTES + " bytes, got "
                    + (bytes == null ? "none" : bytes.length));
        }
        return new NodeId(bytes.clone());
    }

    /** An id from 40 hexadecimal digits, either case. */
    public static NodeId fromHex(String hex) {
        if (hex == null || hex.length() != BYTES * 2) {
            throw new IllegalArgumentException("a node id is " + BYTES * 2 + " hex digits, got "
                    + (hex == null ? "none" : hex.length()));
        }
        try {
            return new NodeId(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a node id is hexadecimal, got '" + hex + "'", e);
        }
    }

    /** Whether {@code hex} is a well-formed id. */
    public static boolean isHex(String hex) {
        if (hex == null || hex.length() != BYTES * 2) {
            return false;
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            boolean digit = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!digit) {
                return false;
            }
        }
        return true;
    }

    /** A uniformly random id. */
    public static NodeId random(RandomGenerator random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return new NodeId(bytes);
    }

    /** The SHA-1 digest of {@code data}: how keys and public keys become ids. */
    public static NodeId sha1(byte[] data) {
        try {
            return new NodeId(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-1", e);
        }
    }

    /** The bit at {@code index}, 0 being the most significant. */
    public int bit(int index) {
        return (bytes[index >>> 3] >>> (7 - (index & 7))) & 1;
    }

    /** The XOR distance from this id to {@code other}. */
    public Distance distanceTo(NodeId other) {
        byte[] xor = new byte[BYTES];
        for (int i = 0; i < BYTES; i++) {
            xor[i] = (byte) (bytes[i] ^ other.bytes[i]);
        }
        return new Distance(xor);
    }

    /**
     * Compares the distances of {@code a} and {@code b} to this id without allocating: negative when
     * {@code a} is closer, positive when {@code b} is, zero when they are the same id.
     */
    public int compareDistance(NodeId a, NodeId b) {
        for (int i = 0; i < BYTES; i++) {
            int da = (a.bytes[i] ^ bytes[i]) & 0xff;
            int db = (b.bytes[i] ^ bytes[i]) & 0xff;
            if (da != db) {
                return da - db;
            }
        }
        return 0;
    }

    /** How many leading bits this id shares with {@code other}; {@value #BITS} when they are equal. */
    public int sharedPrefixLength(NodeId other) {
        for (int i = 0; i < BYTES; i++) {
            int xor = (bytes[i] ^ other.bytes[i]) & 0xff;
            if (xor != 0) {
                return i * 8 + Integer.numberOfLeadingZeros(xor) - 24;
            }
        }
        return BITS;
    }

    /**
     * A random id that shares exactly {@code prefixLength} leading bits with this one: a target that
     * falls in the bucket of that prefix length, as bucket refresh needs.
     */
    public NodeId randomWithSharedPrefix(int prefixLength, RandomGenerator random) {
        if (prefixLength < 0 || prefixLength >= BITS) {
            throw new IllegalArgumentException("prefix length must be in [0, " + BITS + "), got " + prefixLength);
        }
        byte[] result = new byte[BYTES];
        random.nextBytes(result);
        for (int i = 0; i < prefixLength; i++) {
            setBit(result, i, bit(i));
        }
        setBit(result, prefixLength, 1 - bit(prefixLength));
        return new NodeId(result);
    }

    private static void setBit(byte[] target, int index, int value) {
        int mask = 1 << (7 - (index & 7));
        if (value == 1) {
            target[index >>> 3] |= (byte) mask;
        } else {
            target[index >>> 3] &= (byte) ~mask;
        }
    }

    /** A copy of the id's bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** The id as 40 lowercase hexadecimal digits. */
    public String toHex() {
        String result = hex;
        if (result == null) {
            result = HEX.formatHex(bytes);
            hex = result;
        }
        return result;
    }

    /** The first eight hex digits, for logs. */
    public String shortHex() {
        return toHex().substring(0, 8);
    }

    @Override
    public int compareTo(NodeId other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NodeId id && hash == id.hash && Arrays.equals(bytes, id.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return toHex();
    }
}
