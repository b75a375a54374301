package io.kadmesh.spi.transport;

/**
 * The size of text on the wire, where frames travel as UTF-8: one count for the codec's frame limit, the
 * node's traffic counters and a transport's write back-pressure.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** How many bytes {@code text} takes in UTF-8, without encoding it; a lone surrogate counts 3, as '?' would not. */
    public static long length(CharSequence text) {
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
    public static boolean fits(CharSequence text, long limit) {
        if (text.length() > limit) {
            return false;
        }
        return text.length() * 3L <= limit || length(text) <= limit;
    }
}
