package io.kadmesh.plugin.websocket;

/**
 * What an answer other than 101 to a WebSocket upgrade most likely means. Pure: it judges only the
 * HTTP status, the {@code Location} header and the body it is given.
 */
final class UpgradeFailure {

    /** How much of the body an error quotes. */
    static final int BODY_EXCERPT_CHARS = 200;

    /** The likely cause of a 2xx answer. */
    static final String ORDINARY_PAGE = "the path serves an ordinary HTTP page, not a WebSocket endpoint,"
            + " or a proxy dropped the Upgrade/Connection headers";

    /** The likely cause of a 404 answer. */
    static final String NO_ENDPOINT = "no WebSocket endpoint at this path (check the path, e.g. /dht)";

    private UpgradeFailure() {
    }

    /**
     * The detail of an upgrade error: the status, the start of the body and the likely cause, as in
     * {@code HTTP 404 instead of 101 Switching Protocols, body "Not Found"; likely cause: ...}.
     *
     * @param location the {@code Location} header, or null
     * @param body the response body, or null
     */
    static String describe(int status, String location, String body) {
        return "HTTP " + status + " instead of 101 Switching Protocols, body " + excerpt(body)
                + "; likely cause: " + likelyCause(status, location);
    }

    /** The likely cause of an upgrade answered with {@code status}. */
    static String likelyCause(int status, String location) {
        if (status >= 200 && status < 300) {
            return ORDINARY_PAGE;
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

    /** The body's first {@value #BODY_EXCERPT_CHARS} characters, whitespace collapsed, in quotes. */
    static String excerpt(String body) {
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
