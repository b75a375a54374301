package io.kadmesh.spi.transport;

import java.util.Locale;

/**
 * An answer other than 101 to a WebSocket upgrade, and what it most likely means. Pure: it judges
 * only the status, the {@code Content-Type} and {@code Location} headers and the start of the body.
 * A node's failed dials and the diagnosis describe such answers with it, in the same words.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type} header, or null
 * @param location the {@code Location} header, or null
 * @param body the start of the body, or null
 */
public record UpgradeAnswer(int status, String contentType, String location, String body) {

    /** How much of the body a description quotes. */
    public static final int BODY_EXCERPT_CHARS = 200;

    /**
     * How a Kadmesh node's 426 answer starts: a request reached one of its WebSocket endpoints without
     * {@code Upgrade: websocket}.
     */
    public static final String UPGRADE_MISSING = "kadmesh: a WebSocket endpoint, reached without 'Upgrade: websocket'";

    /** The likely cause of a 2xx answer other than a web page. */
    public static final String ORDINARY_PAGE = "the path serves an ordinary HTTP resource, not a WebSocket endpoint,"
            + " or a proxy dropped the Upgrade/Connection headers";

    /** The likely cause of a 404 answer. */
    public static final String NO_ENDPOINT = "no WebSocket endpoint at this path (a node's peer endpoint is /dht,"
            + " a bootstrap's onboarding endpoint /bootstrap)";

    /** The likely cause of Kadmesh's own 426 answer. */
    public static final String PROXY_STRIPS_UPGRADE = "the request reached a Kadmesh WebSocket endpoint without its"
            + " Upgrade header: a proxy between strips the Upgrade and Connection headers (it must pass them on,"
            + " as nginx does with proxy_http_version 1.1 and proxy_set_header Upgrade/Connection)";

    /**
     * The whole description, as in {@code HTTP 404 instead of 101 Switching Protocols, body "Not Found";
     * likely cause: ...}.
     */
    public String describe() {
        return "HTTP " + status + " instead of 101 Switching Protocols, body " + excerpt(body) + "; likely cause: "
                + likelyCause();
    }

    /** The likely cause of this answer. */
    public String likelyCause() {
        if (status == 426 && body != null && body.startsWith(UPGRADE_MISSING)) {
            return PROXY_STRIPS_UPGRADE;
        }
        if (status >= 200 && status < 300) {
            return isWebPage() ? "this path serves a web page (" + mediaType() + "), not a WebSocket endpoint;"
                    + " a node's peer endpoint is /dht, a bootstrap's onboarding endpoint /bootstrap" : ORDINARY_PAGE;
        }
        if (status >= 500 && status < 600) {
            return "a server or proxy failure (502, 503 and 504 usually come from a proxy that cannot reach the node)";
        }
        return switch (status) {
            case 301, 302, 303, 307, 308 -> "a redirect to " + (location == null ? "an unnamed location" : location)
                    + "; WebSocket clients do not follow redirects, so dial that address instead";
            case 400 -> "the server found the upgrade request malformed; a proxy may have altered its headers";
            case 401, 403 -> "refused by the server (origin or authentication)";
            case 404 -> NO_ENDPOINT;
            case 426 -> "a protocol mismatch: the server wants another protocol or WebSocket version";
            default -> "an unexpected answer to a WebSocket upgrade";
        };
    }

    /** Whether the answer is an HTML page, by its content type or, without one, by its first bytes. */
    public boolean isWebPage() {
        if (contentType != null) {
            return mediaType().equals("text/html") || mediaType().equals("application/xhtml+xml");
        }
        String start = body == null ? "" : body.stripLeading().toLowerCase(Locale.ROOT);
        return start.startsWith("<!doctype html") || start.startsWith("<html");
    }

    private String mediaType() {
        if (contentType == null) {
            return "text/html";
        }
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
    }

    /** The body's first {@value #BODY_EXCERPT_CHARS} characters, whitespace collapsed, in quotes. */
    public static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "(empty)";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        if (flat.length() <= BODY_EXCERPT_CHARS) {
            return "\"" + flat + "\"";
        }
        return "\"" + flat.substring(0, BODY_EXCERPT_CHARS) + "…\"";
    }
}
