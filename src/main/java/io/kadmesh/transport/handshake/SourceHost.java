package io.kadmesh.transport.handshake;

/** The host an inbound link comes from, from the remote address its transport reports. */
final class SourceHost {

    private SourceHost() {
    }

    /**
     * The host of {@code remoteAddress}: {@code 127.0.0.1} from {@code ws://127.0.0.1:50312},
     * {@code [::1]} from {@code ws://[::1]:50312}; an address without a port, such as the in-memory
     * network's {@code mem://9}, is its own source.
     */
    static String of(String remoteAddress) {
        String rest = remoteAddress;
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            rest = rest.substring(scheme + 3);
        }
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            rest = rest.substring(0, slash);
        }
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            return close > 0 ? rest.substring(0, close + 1) : rest;
        }
        int colon = rest.lastIndexOf(':');
        boolean port = colon > 0 && rest.indexOf(':') == colon && colon < rest.length() - 1
                && rest.substring(colon + 1).chars().allMatch(Character::isDigit);
        return port ? rest.substring(0, colon) : remoteAddress;
    }
}
