package io.kadmesh.spi.transport;

/**
 * The size of text on the wire, where frames travel as UTF-8: one count for the codec's frame limit, the
 * node's traffic counters and a transport's write back-pressure.
 */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * How many bytes {@code text} takes in UTF-8, without encoding it; a lone surrogate counts 3, as '?'
     * would not. Every frame is counted so, in and out; it takes a {@code String}, not a
     * {@code CharSequence}, because C1, the only compiler a node runs with, does not inline an
     * interface's {@code charAt}: two calls a character were 13% of a node's CPU under a stream of pings.
     */
    public static long length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Whether {@code text} takes at most {@code limit} bytes in UTF-8; counts only when the length alone cannot tell. */
    public static boolean fits(String text, long limit) {
        if (text.length() > limit) {
            return false;
        }
        return text.length() * 3L <= limit || length(text) <= limit;
    }
}
