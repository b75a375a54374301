package io.kadmesh.plugin.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UpgradeFailureTest {

    @Test
    void aSuccessfulPageMeansAWrongPathOrAProxyThatDroppedTheUpgrade() {
        assertEquals(UpgradeFailure.ORDINARY_PAGE, UpgradeFailure.likelyCause(200, null));
        assertEquals(UpgradeFailure.ORDINARY_PAGE, UpgradeFailure.likelyCause(204, null));
    }

    @Test
    void notFoundMeansNoEndpointAtThePath() {
        assertEquals(UpgradeFailure.NO_ENDPOINT, UpgradeFailure.likelyCause(404, null));
    }

    @Test
    void redirectsNameTheirTarget() {
        for (int status : new int[] { 301, 302, 303, 307, 308 }) {
            String cause = UpgradeFailure.likelyCause(status, "wss://other.example/dht");
            assertTrue(cause.startsWith("a redirect to wss://other.example/dht"), cause);
        }
        assertTrue(UpgradeFailure.likelyCause(302, null).contains("an unnamed location"));
    }

    @Test
    void refusalsMismatchesAndServerFailuresAreNamed() {
        assertEquals("refused by the server (origin or authentication)", UpgradeFailure.likelyCause(401, null));
        assertEquals("refused by the server (origin or authentication)", UpgradeFailure.likelyCause(403, null));
        assertTrue(UpgradeFailure.likelyCause(426, null).startsWith("a protocol mismatch"));
        assertTrue(UpgradeFailure.likelyCause(502, null).startsWith("a server or proxy failure"));
        assertTrue(UpgradeFailure.likelyCause(500, null).startsWith("a server or proxy failure"));
        assertTrue(UpgradeFailure.likelyCause(400, null).contains("malformed"));
        assertEquals("an unexpected answer to a WebSocket upgrade", UpgradeFailure.likelyCause(418, null));
    }

    @Test
    void theDescriptionHasStatusBodyAndCause() {
        assertEquals("HTTP 200 instead of 101 Switching Protocols, body \"<html>hello\"; likely cause: "
                + UpgradeFailure.ORDINARY_PAGE, UpgradeFailure.describe(200, null, "<html>hello"));
    }

    @Test
    void theBodyIsQuotedFlatAndCut() {
        assertEquals("(empty)", UpgradeFailure.excerpt(null));
        assertEquals("(empty)", UpgradeFailure.excerpt(" \n "));
        assertEquals("\"a b c\"", UpgradeFailure.excerpt("  a\n\tb   c \r\n"));
        String excerpt = UpgradeFailure.excerpt("x".repeat(1_000));
        assertEquals("\"" + "x".repeat(UpgradeFailure.BODY_EXCERPT_CHARS) + "…\"", excerpt);
    }
}
