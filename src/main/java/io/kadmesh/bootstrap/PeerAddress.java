package io.kadmesh.bootstrap;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import io.kadmesh.dht.Contact;
import io.kadmesh.wire.IpLiteral;

/** What the bootstrap accepts as a node's {@code /dht} address, and the host it names. */
final class PeerAddress {

    private PeerAddress() {
    }

    /**
     * Whether {@code address} is a {@code ws://} or {@code wss://} URL with a host, at most
     * {@link Contact#MAX_ADDRESS_LENGTH} characters, without spaces or control characters.
     */
    static boolean isWellFormed(String address) {
        if (address == null || address.isEmpty() || address.length() > Contact.MAX_ADDRESS_LENGTH
                || address.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            return false;
        }
        try {
            URI uri = new URI(address);
            return ("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The host of a well-formed address, lower case, IPv6 literals without brackets. */
    static String host(String address) {
        return normalize(URI.create(address).getHost());
    }

    /**
     * The host of a socket address as the WebSocket server reports it ({@code 127.0.0.1:50312},
     * {@code [::1]:50312} or {@code 0:0:0:0:0:0:0:1:50312}), normalized as {@link #host} does.
     */
    static String hostOfSocket(String socketAddress) {
        int lastColon = socketAddress.lastIndexOf(':');
        return normalize(lastColon <= 0 ? socketAddress : socketAddress.substring(0, lastColon));
    }

    private static String normalize(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return IpLiteral.canonical(bare).orElse(bare.toLowerCase(Locale.ROOT));
    }
}
