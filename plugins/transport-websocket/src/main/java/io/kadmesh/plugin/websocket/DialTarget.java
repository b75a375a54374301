package io.kadmesh.plugin.websocket;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a dial goes: a {@code ws://} or {@code wss://} URL split as the WebSocket connector wants it,
 * a base URI of scheme, host and port only, and a path apart (a path in the base URI would be
 * requested twice).
 *
 * @param address the URL as given, which errors and the link report
 * @param baseUri scheme, host, port and query
 * @param path the path, {@code kadmesh.transport.websocket.path} when the URL has none
 */
record DialTarget(String address, URI baseUri, String path) {

    private static final int WS_PORT = 80;
    private static final int WSS_PORT = 443;

    /** Whether {@code address} is a {@code ws://} or {@code wss://} URL, judged by its scheme. */
    static boolean isWebSocketUrl(String address) {
        Objects.requireNonNull(address, "address must be set");
        String lower = address.toLowerCase(Locale.ROOT);
        return lower.startsWith("ws://") || lower.startsWith("wss://");
    }

    /**
     * Parses {@code address}; a URL without a path gets {@code defaultPath}.
     *
     * @throws IllegalArgumentException if {@code address} is not a {@code ws://} or {@code wss://} URL with a host
     */
    static DialTarget parse(String address, String defaultPath) {
        Objects.requireNonNull(defaultPath, "defaultPath must be set");
        if (!isWebSocketUrl(address)) {
            throw notWebSocketUrl(address);
        }
        if (!defaultPath.startsWith("/")) {
            throw new IllegalArgumentException("defaultPath must start with /, got: " + defaultPath);
        }
        URI uri = toUri(address);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : "wss".equals(scheme) ? WSS_PORT : WS_PORT;
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        URI baseUri = URI.create(scheme + "://" + uri.getHost() + ":" + port + query);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? defaultPath : uri.getRawPath();
        return new DialTarget(address, baseUri, path);
    }

    /** The host name or address to dial. */
    String host() {
        return baseUri.getHost();
    }

    /** The port to dial, 80 or 443 when the URL names none. */
    int port() {
        return baseUri.getPort();
    }

    /** Whether the dial uses TLS. */
    boolean secure() {
        return "wss".equals(baseUri.getScheme());
    }

    private static URI toUri(String address) {
        try {
            URI uri = new URI(address);
            if (uri.getHost() == null) {
                throw notWebSocketUrl(address);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("address must be a ws:// or wss:// URL: " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException notWebSocketUrl(String address) {
        return new IllegalArgumentException("address must be a ws:// or wss:// URL with a host, got: " + address);
    }
}
