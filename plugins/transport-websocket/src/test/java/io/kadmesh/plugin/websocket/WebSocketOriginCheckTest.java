package io.kadmesh.plugin.websocket;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Raw upgrades to {@code /dht}: web pages of other origins are refused, nodes and the allowed origin are not. */
@QuarkusTest
@TestProfile(WebSocketTestProfile.class)
class WebSocketOriginCheckTest {

    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final int READ_TIMEOUT_MILLIS = 20_000;

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
    void anotherOriginIsRefusedWith403() {
        given().baseUri("http://127.0.0.1").port(root.getPort())
                .header("Connection", "Upgrade")
                .header("Upgrade", "websocket")
                .header("Sec-WebSocket-Key", KEY)
                .header("Sec-WebSocket-Version", "13")
                .header("Origin", "http://evil.example")
                .when().get("/dht")
                .then().statusCode(403);
    }

    @Test
    void theAllowedOriginIsUpgraded() throws Exception {
        assertEquals(101, upgradeStatus("Origin: " + WebSocketTestProfile.GOOD_ORIGIN + "\r\n"));
    }

    @Test
    void anUpgradeWithoutOriginIsUpgraded() throws Exception {
        assertEquals(101, upgradeStatus(""));
    }

    private int upgradeStatus(String extraHeaders) throws Exception {
        return RawUpgrade.status(root.getPort(), "/dht", extraHeaders);
    }
}
