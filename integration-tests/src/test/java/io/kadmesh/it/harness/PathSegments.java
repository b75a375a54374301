package io.kadmesh.it.harness;

import java.nio.charset.StandardCharsets;

/** Percent-encoding of one URL path segment (RFC 3986): everything but unreserved characters. */
final class PathSegments {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegments() {
    }

    /** {@code segment} with every byte outside {@code A-Z a-z 0-9 - . _ ~} percent-encoded as UTF-8. */
    static String encode(String segment) {
        StringBuilder encoded = new StringBuilder(segment.length());
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (unreserved(c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >>> 4]).append(HEX[c & 0xf]);
            }
        }
        return encoded.toString();
    }

    private static boolean unreserved(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                || c == '_' || c == '~';
    }
}
