package io.kadmesh.diagnostics;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

import io.kadmesh.dht.NodeId;

/**
 * One WebSocket endpoint to diagnose: a node's peer endpoint or a bootstrap's onboarding endpoint.
 *
 * @param role what should answer there
 * @param url the WebSocket URL dialed, without a fragment
 * @param pinnedId the bootstrap id the URL pins ({@code #<id>}), or null
 */
public record Endpoint(Role role, URI url, NodeId pinnedId) {

    /** What an endpoint is. */
    public enum Role {
        /** A node's peer endpoint, {@code /dht}: the hello handshake, then requests. */
        NODE("/dht"),
        /** A bootstrap's onboarding endpoint, {@code /bootstrap}: a challenge first. */
        BOOTSTRAP("/bootstrap");

        private final String path;

        Role(String path) {
            this.path = path;
        }

        /** The endpoint's path on a Kadmesh server. */
        public String path() {
            return path;
        }

        /** The name in reports: lowercase. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Endpoint {
        Objects.requireNonNull(role, "role must be set");
        Objects.requireNonNull(url, "url must be set");
    }

    /**
     * The endpoint {@code text} names for {@code role}. A {@code ws://} or {@code wss://} URL is taken as
     * it is, its path defaulting to the role's; an {@code http://} or {@code https://} URL names the
     * server, and the role's path on it is dialed. A bootstrap URL may pin the bootstrap's id as
     * {@code #<40 hex digits>}, as {@code kadmesh.bootstrap.urls} does.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static Endpoint parse(Role role, String text) {
        URI uri;
        try {
            uri = new URI(Objects.requireNonNull(text, "url must be set").strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL such as ws://host:port/dht: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String wsScheme = switch (scheme) {
            case "ws", "http" -> "ws";
            case "wss", "https" -> "wss";
            default -> throw new IllegalArgumentException("'" + text + "' must start with ws://, wss://, http:// or https://");
        };
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("'" + text + "' names no host");
        }
        boolean server = scheme.startsWith("http");
        String path = server || uri.getRawPath() == null || uri.getRawPath().isEmpty() ? role.path() : uri.getRawPath();
        String query = server || uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        int port = uri.getPort() >= 0 ? uri.getPort() : wsScheme.equals("wss") ? 443 : 80;
        URI url = URI.create(wsScheme + "://" + bracketed(uri.getHost()) + ":" + port + path + query);
        return new Endpoint(role, url, pin(role, uri.getFragment(), text));
    }

    /** The host to resolve, without IPv6 brackets. */
    public String host() {
        String host = url.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** The TCP port. */
    public int port() {
        return url.getPort();
    }

    /** Whether the endpoint takes TLS ({@code wss://}). */
    public boolean tls() {
        return url.getScheme().equals("wss");
    }

    /** The REST API of the server: {@code http://} or {@code https://} and the URL's host and port. */
    public URI api() {
        return URI.create((tls() ? "https" : "http") + "://" + url.getRawAuthority() + "/");
    }

    /** The path and query of the upgrade request. */
    public String target() {
        return url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    }

    /**
     * The node endpoint of the same server, for a bootstrap at {@code /bootstrap}: a bootstrap is a DHT
     * member too, and newcomers reach it at {@code /dht}. Null for any other endpoint.
     */
    public Endpoint peerEndpoint() {
        if (role != Role.BOOTSTRAP || !url.getRawPath().endsWith(Role.BOOTSTRAP.path())) {
            return null;
        }
        String path = url.getRawPath();
        String peerPath = path.substring(0, path.length() - Role.BOOTSTRAP.path().length()) + Role.NODE.path();
        return new Endpoint(Role.NODE, URI.create(url.getScheme() + "://" + url.getRawAuthority() + peerPath), null);
    }

    @Override
    public String toString() {
        return url.toString();
    }

    private static NodeId pin(Role role, String fragment, String text) {
        if (fragment == null || fragment.isEmpty()) {
            return null;
        }
        if (role != Role.BOOTSTRAP || !NodeId.isHex(fragment)) {
            throw new IllegalArgumentException("'" + text + "': only a bootstrap URL may end in #<id>, 40 hex digits");
        }
        return NodeId.fromHex(fragment);
    }

    private static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
