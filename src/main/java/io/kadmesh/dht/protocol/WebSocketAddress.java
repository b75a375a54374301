package io.kadmesh.dht.protocol;

/**
 * A strict parser of the WebSocket URLs a contact may carry: {@code ws://} or {@code wss://}, a host
 * (a DNS name, a dotted IPv4 address, or an IPv6 address in brackets), an optional port 1..65535 and
 * an optional path; no user info, query or fragment; lowercase scheme; at most {@value #MAX_LENGTH}
 * characters. Plain Java: the DHT core does not use {@code java.net}.
 */
final class WebSocketAddress {

    /** Longest address accepted: room for any DNS name (253) with scheme, port and a short path. */
    static final int MAX_LENGTH = 256;

    private static final String EXPECTED = "a ws:// or wss:// URL of at most " + MAX_LENGTH
            + " characters: host (DNS name, IPv4, or [IPv6]), optional port 1-65535 and path, no user info, query or fragment";
    private static final int MAX_LABEL_LENGTH = 63;
    private static final int MAX_PORT = 65_535;

    private WebSocketAddress() {
    }

    /** Null when {@code address} is such a URL, else what it must be. */
    static String problem(String address) {
        if (address == null || address.isEmpty() || address.length() > MAX_LENGTH) {
            return EXPECTED;
        }
        int hostStart = address.startsWith("ws://") ? 5 : address.startsWith("wss://") ? 6 : -1;
        if (hostStart < 0) {
            return EXPECTED;
        }
        int pathStart = address.indexOf('/', hostStart);
        int authorityEnd = pathStart < 0 ? address.length() : pathStart;
        boolean valid = authority(address, hostStart, authorityEnd)
                && (pathStart < 0 || path(address, pathStart));
        return valid ? null : EXPECTED;
    }

    private static boolean authority(String url, int from, int to) {
        if (from >= to) {
            return false;
        }
        if (url.charAt(from) == '[') {
            int close = url.indexOf(']', from);
            return close > from && close < to && ipv6(url, from + 1, close) && optionalPort(url, close + 1, to);
        }
        int colon = url.indexOf(':', from);
        int hostEnd = colon < 0 || colon >= to ? to : colon;
        return hostName(url, from, hostEnd) && optionalPort(url, hostEnd, to);
    }

    /** Nothing, or ':' and a decimal port 1..65535 without leading zeros. */
    private static boolean optionalPort(String url, int from, int to) {
        if (from == to) {
            return true;
        }
        if (url.charAt(from) != ':' || to - from < 2 || to - from > 6 || url.charAt(from + 1) == '0') {
            return false;
        }
        int port = 0;
        for (int i = from + 1; i < to; i++) {
            char c = url.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            port = port * 10 + (c - '0');
        }
        return port <= MAX_PORT;
    }

    /** Dot-separated labels of letters, digits and inner hyphens, each 1..63 characters; covers IPv4 too. */
    private static boolean hostName(String url, int from, int to) {
        if (from >= to) {
            return false;
        }
        int labelStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || url.charAt(i) == '.') {
                if (!label(url, labelStart, i)) {
                    return false;
                }
                labelStart = i + 1;
            }
        }
        return true;
    }

    private static boolean label(String url, int from, int to) {
        if (to <= from || to - from > MAX_LABEL_LENGTH || url.charAt(from) == '-' || url.charAt(to - 1) == '-') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = url.charAt(i);
            if (!(isAsciiLetterOrDigit(c) || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Hex groups and colons only (with one '::' at most), 2..39 characters; no zone id. */
    private static boolean ipv6(String url, int from, int to) {
        if (to - from < 2 || to - from > 39) {
            return false;
        }
        int groups = 0;
        int groupLength = 0;
        for (int i = from; i < to; i++) {
            char c = url.charAt(i);
            if (c == ':') {
                groupLength = 0;
            } else if (Character.digit(c, 16) >= 0 && c < 128 && ++groupLength <= 4) {
                groups += groupLength == 1 ? 1 : 0;
            } else {
                return false;
            }
        }
        String text = url.substring(from, to);
        int compressions = text.split("::", -1).length - 1;
        if (compressions == 0) {
            return groups == 8 && !text.startsWith(":") && !text.endsWith(":");
        }
        return compressions == 1 && !text.contains(":::") && groups < 8;
    }

    /** A path of unreserved characters, sub-delimiters, ':', '@', '/' and percent escapes. */
    private static boolean path(String url, int from) {
        for (int i = from; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '%') {
                if (i + 2 >= url.length() || !isHexDigit(url.charAt(i + 1)) || !isHexDigit(url.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!(isAsciiLetterOrDigit(c) || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
