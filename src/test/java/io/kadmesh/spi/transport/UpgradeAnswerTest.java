package io.kadmesh.spi.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UpgradeAnswerTest {

    private static String cause(int status, String location) {
        return new UpgradeAnswer(status, null, location, null).likelyCause();
    }

    @Test
    void aSuccessfulAnswerThatIsNoPageMeansAWrongPathOrAProxyThatDroppedTheUpgrade() {
        assertEquals(UpgradeAnswer.ORDINARY_PAGE, new UpgradeAnswer(200, "application/json", null, "{}").likelyCause());
        assertEquals(UpgradeAnswer.ORDINARY_PAGE, cause(204, null));
    }

    @Test
    void aWebPageIsNamedByItsContentTypeOrItsFirstBytes() {
        String byType = new UpgradeAnswer(200, "text/html;charset=UTF-8", null, "<!doctype html><p>hi").likelyCause();
        assertTrue(byType.startsWith("this path serves a web page (text/html), not a WebSocket endpoint"), byType);
        assertTrue(byType.contains("/bootstrap"), byType);
        String bySniffing = new UpgradeAnswer(200, null, null, "  <!DOCTYPE html>\n<html>").likelyCause();
        assertTrue(bySniffing.startsWith("this path serves a web page"), bySniffing);
        assertEquals(UpgradeAnswer.ORDINARY_PAGE, new UpgradeAnswer(200, "text/plain", null, "<html>").likelyCause());
    }

    @Test
    void notFoundMeansNoEndpointAtThePath() {
        assertEquals(UpgradeAnswer.NO_ENDPOINT, cause(404, null));
    }

    @Test
    void kadmeshsOwnUpgradeRequiredMeansAProxyStripsTheUpgrade() {
        String body = UpgradeAnswer.UPGRADE_MISSING + " at /dht";
        assertEquals(UpgradeAnswer.PROXY_STRIPS_UPGRADE, new UpgradeAnswer(426, "text/plain", null, body).likelyCause());
        assertTrue(cause(426, null).startsWith("a protocol mismatch"));
    }

    @Test
    void redirectsNameTheirTarget() {
        for (int status : new int[] { 301, 302, 303, 307, 308 }) {
            String cause = cause(status, "wss://other.example/dht");
            assertTrue(cause.startsWith("a redirect to wss://other.example/dht"), cause);
        }
        assertTrue(cause(302, null).contains("an unnamed location"));
    }

    @Test
    void refusalsMismatchesAndServerFailuresAreNamed() {
        assertEquals("refused by the server (origin or authentication)", cause(401, null));
        assertEquals("refused by the server (origin or authentication)", cause(403, null));
        assertTrue(cause(502, null).startsWith("a server or proxy failure"));
        assertTrue(cause(500, null).startsWith("a server or proxy failure"));
        assertTrue(cause(400, null).contains("malformed"));
        assertEquals("an unexpected answer to a WebSocket upgrade", cause(418, null));
    }

    @Test
    void theDescriptionHasStatusBodyAndCause() {
        assertEquals("HTTP 404 instead of 101 Switching Protocols, body \"Not Found\"; likely cause: "
                + UpgradeAnswer.NO_ENDPOINT, new UpgradeAnswer(404, null, null, "Not Found").describe());
    }

    @Test
    void theBodyIsQuotedFlatAndCut() {
        assertEquals("(empty)", UpgradeAnswer.excerpt(null));
        assertEquals("(empty)", UpgradeAnswer.excerpt(" \n "));
        assertEquals("\"a b c\"", UpgradeAnswer.excerpt("  a\n\tb   c \r\n"));
        String excerpt = UpgradeAnswer.excerpt("x".repeat(1_000));
        assertEquals("\"" + "x".repeat(UpgradeAnswer.BODY_EXCERPT_CHARS) + "…\"", excerpt);
    }
}
