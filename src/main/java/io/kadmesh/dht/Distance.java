package io.kadmesh.dht;

import java.math.BigInteger;
import java.util.Arrays;

/** The XOR distance between two ids, ordered as an unsigned 160-bit number. */
public final class Distance implements Comparable<Distance> {

    private final byte[] xor;

    Distance(byte[] xor) {
        this.xor = xor;
    }

    /**
     * The index of the highest set bit counted from the least significant end (0..159), or -1 for
     * distance zero: {@code floor(log2(distance))}.
     */
    public int log2() {
        for (int i = 0; i < xor.length; i++) {
            int b = xor[i] & 0xff;
            if (b != 0) {
                return (xor.length - 1 - i) * 8 + 31 - Integer.numberOfLeadingZeros(b);
            }
        }
        return -1;
    }

    /** The distance as a non-negative number. */
    public BigInteger toBigInteger() {
        return new BigInteger(1, xor);
    }

    @Override
    public int compareTo(Distance other) {
        return Arrays.compareUnsigned(xor, other.xor);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Distance d && Arrays.equals(xor, d.xor);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(xor);
    }

    @Override
    public String toString() {
        return toBigInteger().toString(16);
    }
}
