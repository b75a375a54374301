package io.kadmesh.plugin.websocket;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * With {@code allowed-origins} unset, a page of any origin opens a link to {@code /dht}, as browser
 * peers loaded from another node must, although the REST API's CORS policy
 * ({@code quarkus.http.cors.origins}) still refuses that origin.
 */
@QuarkusTest
@TestProfile(AnyOriginUpgradeTest.AnyOrigin.class)
class AnyOriginUpgradeTest {

    private static final String PAGE = "http://127.0.0.1:1";

    /** The transport's test app, without a list of allowed origins. */
    public static class AnyOrigin extends WebSocketTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("kadmesh.transport.websocket.allowed-origins", "");
            return overrides;
        }
    }

    @Inject
    WebSocketTransport transport;

    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void listen() {
        transport.listen(new RecordingLinkHandler(1));
    }

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void aPageOfAnotherOriginIsUpgradedThoughCorsRefusesIt() throws Exception {
        assertEquals(101, RawUpgrade.status(root.getPort(), "/dht", "Origin: " + PAGE + "\r\n"));
        given().baseUri("http://127.0.0.1").port(root.getPort()).header("Origin", PAGE)
                .when().get("/q/health/live")
                .then().statusCode(403);
    }
}
