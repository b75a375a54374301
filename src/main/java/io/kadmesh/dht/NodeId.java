package io.kadmesh.dht;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * A 160-bit Kademlia identifier: of a node, or of a stored key. Bit 0 is the most significant bit.
 * Immutable; equality is by value. The bits are held in three numbers, the 64 most significant, the
 * next 64 and the last 32, so that comparing XOR distances, the work of every lookup and of every
 * routing table query, takes a few word operations rather than a loop over 20 bytes.
 */
public final class NodeId implements Comparable<NodeId> {

    /** Length of an id in bits (the paper's B). */
    public static final int BITS = 160;
    /** Length of an id in bytes. */
    public static final int BYTES = BITS / 8;

    private static final HexFormat HEX = HexFormat.of();
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();
    /** The value of each ASCII hex digit, -1 for every other character below 128. */
    private static final byte[] HEX_VALUES = hexValues();

    /** Bits 0..63. */
    private final long high;
    /** Bits 64..127. */
    private final long middle;
    /** Bits 128..159. */
    private final int low;
    /** {@link Arrays#hashCode(byte[])} of the id's bytes, as ids have always hashed. */
    private final int hash;
    /** The hex form, computed on the first {@link #toHex()}: peers are named by it. */
    private String hex;

    private NodeId(long high, long middle, int low) {
        this.high = high;
        this.middle = middle;
        this.low = low;
        this.hash = bytesHash(high, middle, low);
    }

    private static NodeId ofBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new NodeId(buffer.getLong(), buffer.getLong(), buffer.getInt());
    }

    /** An id from exactly {@value #BYTES} bytes, copied. */
    public static NodeId of(byte[] bytes) {
        if (bytes == null || bytes.length != BYTES) {
            throw new IllegalArgumentException("a node id has " + BYTES + " bytes, got "
                    + (bytes == null ? "none" : bytes.length));
        }
        return ofBytes(bytes);
    }

    /** An id from 40 hexadecimal digits, either case. */
    public static NodeId fromHex(String hex) {
        if (hex == null || hex.length() != BYTES * 2) {
            throw new IllegalArgumentException("a node id is " + BYTES * 2 + " hex digits, got "
                    + (hex == null ? "none" : hex.length()));
        }
        NodeId id = parseHex(hex.toCharArray(), 0, hex.length());
        if (id == null) {
            throw new IllegalArgumentException("a node id is hexadecimal, got '" + hex + "'");
        }
        return id;
    }

    /**
     * The id that the {@code length} characters of {@code text} from {@code offset} spell, or null
     * when they are not exactly 40 ASCII hex digits, either case. For readers that hold the digits in
     * a buffer of their own, as a JSON parser does: nothing is allocated but the id.
     */
    public static NodeId parseHex(char[] text, int offset, int length) {
        if (length != BYTES * 2) {
            return null;
        }
        long high = 0;
        long middle = 0;
        long low = 0;
        for (int i = 0; i < length; i++) {
            char c = text[offset + i];
            int digit = c < HEX_VALUES.length ? HEX_VALUES[c] : -1;
            if (digit < 0) {
                return null;
            }
            if (i < 16) {
                high = high << 4 | digit;
            } else if (i < 32) {
                middle = middle << 4 | digit;
            } else {
                low = low << 4 | digit;
            }
        }
        return new NodeId(high, middle, (int) low);
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
        return ofBytes(bytes);
    }

    /** The SHA-1 digest of {@code data}: how keys and public keys become ids. */
    public static NodeId sha1(byte[] data) {
        try {
            return ofBytes(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-1", e);
        }
    }

    /** The bit at {@code index}, 0 being the most significant. */
    public int bit(int index) {
        if (index < 64) {
            return (int) (high >>> (63 - index)) & 1;
        } else if (index < 128) {
            return (int) (middle >>> (127 - index)) & 1;
        }
        return (low >>> (159 - index)) & 1;
    }

    /** The XOR distance from this id to {@code other}. */
    public Distance distanceTo(NodeId other) {
        return new Distance(bytes(high ^ other.high, middle ^ other.middle, low ^ other.low));
    }

    /**
     * Compares the distances of {@code a} and {@code b} to this id without allocating: negative when
     * {@code a} is closer, positive when {@code b} is, zero when they are the same id.
     */
    public int compareDistance(NodeId a, NodeId b) {
        long da = a.high ^ high;
        long db = b.high ^ high;
        if (da != db) {
            return Long.compareUnsigned(da, db);
        }
        da = a.middle ^ middle;
        db = b.middle ^ middle;
        if (da != db) {
            return Long.compareUnsigned(da, db);
        }
        return Integer.compareUnsigned(a.low ^ low, b.low ^ low);
    }

    /**
     * The 64 most significant bits of the XOR distance from this id to {@code other}, as an unsigned
     * number: ids whose leading distances differ compare as these numbers do; only equal ones need
     * {@link #compareDistance}.
     */
    public long leadingDistance(NodeId other) {
        return high ^ other.high;
    }

    /**
     * The 64 most significant bits of this id, as an unsigned number: the leading distance of two
     * ids is the XOR of theirs, so a caller that keeps them beside its contacts can compare leading
     * distances without reading the ids.
     */
    public long leadingBits() {
        return high;
    }

    /** How many leading bits this id shares with {@code other}; {@value #BITS} when they are equal. */
    public int sharedPrefixLength(NodeId other) {
        long xor = high ^ other.high;
        if (xor != 0) {
            return Long.numberOfLeadingZeros(xor);
        }
        xor = middle ^ other.middle;
        if (xor != 0) {
            return 64 + Long.numberOfLeadingZeros(xor);
        }
        int rest = low ^ other.low;
        return rest != 0 ? 128 + Integer.numberOfLeadingZeros(rest) : BITS;
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
        return ofBytes(result);
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
        return bytes(high, middle, low);
    }

    private static byte[] bytes(long high, long middle, int low) {
        return ByteBuffer.allocate(BYTES).putLong(high).putLong(middle).putInt(low).array();
    }

    /** {@link Arrays#hashCode(byte[])} of the bytes these three numbers hold, without building them. */
    private static int bytesHash(long high, long middle, int low) {
        int result = 1;
        for (int shift = 56; shift >= 0; shift -= 8) {
            result = 31 * result + (byte) (high >>> shift);
        }
        for (int shift = 56; shift >= 0; shift -= 8) {
            result = 31 * result + (byte) (middle >>> shift);
        }
        for (int shift = 24; shift >= 0; shift -= 8) {
            result = 31 * result + (byte) (low >>> shift);
        }
        return result;
    }

    private static byte[] hexValues() {
        byte[] values = new byte[128];
        Arrays.fill(values, (byte) -1);
        for (int i = 0; i < 10; i++) {
            values['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            values['a' + i] = (byte) (10 + i);
            values['A' + i] = (byte) (10 + i);
        }
        return values;
    }

    /** The id as 40 lowercase hexadecimal digits. */
    public String toHex() {
        String result = hex;
        if (result == null) {
            result = HEX.toHexDigits(high) + HEX.toHexDigits(middle) + HEX.toHexDigits(low);
            hex = result;
        }
        return result;
    }

    /**
     * Appends the 40 digits of {@link #toHex()} to {@code out}, without keeping them: the codec writes
     * every id of every reply so, and a node that kept the hex form of each id it ever sent would hold
     * 80 bytes more for each contact it knows.
     */
    public void appendHex(StringBuilder out) {
        String cached = hex;
        if (cached != null) {
            out.append(cached);
            return;
        }
        char[] digits = new char[BITS / 4];
        putHex(digits, 0, high, 16);
        putHex(digits, 16, middle, 16);
        putHex(digits, 32, low, 8);
        out.append(digits);
    }

    /** Writes the last {@code count} hex digits of {@code word} at {@code at}, most significant first. */
    private static void putHex(char[] digits, int at, long word, int count) {
        long rest = word;
        for (int i = at + count - 1; i >= at; i--) {
            digits[i] = HEX_DIGITS[(int) rest & 0xf];
            rest >>>= 4;
        }
    }

    /** The first eight hex digits, for logs. */
    public String shortHex() {
        return toHex().substring(0, 8);
    }

    @Override
    public int compareTo(NodeId other) {
        if (high != other.high) {
            return Long.compareUnsigned(high, other.high);
        }
        if (middle != other.middle) {
            return Long.compareUnsigned(middle, other.middle);
        }
        return Integer.compareUnsigned(low, other.low);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NodeId id && high == id.high && middle == id.middle && low == id.low;
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
