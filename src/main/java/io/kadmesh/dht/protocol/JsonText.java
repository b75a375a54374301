package io.kadmesh.dht.protocol;

/**
 * Appends JSON strings to a frame being written, escaped as the protocol has always escaped them:
 * {@code "} and {@code \} with a backslash; backspace, tab, line feed, form feed and carriage return
 * as {@code \b \t \n \f \r}; every other character below U+0020 as {@code \}{@code u00XX} with
 * upper-case hex digits; everything else, non-ASCII included, as it is.
 */
final class JsonText {

    /** For each character below 128: 0 when it is written as it is, else the letter after the backslash, or 'u'. */
    private static final char[] ESCAPES = escapes();
    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    private JsonText() {
    }

    /** Appends {@code value} as a quoted JSON string, or {@code null} when it is null. */
    static void appendString(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        int plainUntil = plainPrefixLength(value);
        if (plainUntil == value.length()) {
            out.append(value);
        } else {
            appendEscaped(out, value, plainUntil);
        }
        out.append('"');
    }

    /** How many leading characters of {@code value} need no escape. */
    private static int plainPrefixLength(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < ESCAPES.length && ESCAPES[c] != 0) {
                return i;
            }
        }
        return value.length();
    }

    private static void appendEscaped(StringBuilder out, String value, int from) {
        out.append(value, 0, from);
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            char escape = c < ESCAPES.length ? ESCAPES[c] : 0;
            if (escape == 0) {
                out.append(c);
            } else if (escape == 'u') {
                out.append("\\u00").append(HEX_DIGITS[c >> 4]).append(HEX_DIGITS[c & 0xf]);
            } else {
                out.append('\\').append(escape);
            }
        }
    }

    private static char[] escapes() {
        char[] escapes = new char[128];
        for (int c = 0; c < 0x20; c++) {
            escapes[c] = 'u';
        }
        escapes['\b'] = 'b';
        escapes['\t'] = 't';
        escapes['\n'] = 'n';
        escapes['\f'] = 'f';
        escapes['\r'] = 'r';
        escapes['"'] = '"';
        escapes['\\'] = '\\';
        return escapes;
    }
}
