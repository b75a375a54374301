package io.kadmesh.testing;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;

/**
 * Ids written as their leading bits, the rest being zero, so that tests about prefixes and buckets
 * read plainly: {@code id("0110")} shares three leading bits with {@code id("0111")}.
 */
public final class TinyIds {

    private TinyIds() {
    }

    /** The id whose leading bits are {@code bits} (a string of '0' and '1') and whose other bits are zero. */
    public static NodeId id(String bits) {
        if (bits == null || bits.length() > NodeId.BITS) {
            throw new IllegalArgumentException("bits must be at most " + NodeId.BITS + " characters, got "
                    + (bits == null ? "none" : bits.length()));
        }
        byte[] bytes = new byte[NodeId.BYTES];
        for (int i = 0; i < bits.length(); i++) {
            char bit = bits.charAt(i);
            if (bit != '0' && bit != '1') {
                throw new IllegalArgumentException("bits must be '0' or '1', got '" + bits + "'");
            }
            if (bit == '1') {
                bytes[i >>> 3] |= (byte) (1 << (7 - (i & 7)));
            }
        }
        return NodeId.of(bytes);
    }

    /** A contact with {@link #id(String) id(bits)} at the address {@code mem://<bits>}. */
    public static Contact contact(String bits) {
        return new Contact(id(bits), "mem://" + bits);
    }
}
