package io.kadmesh.node;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.plugin.websocket.WebSocketTransport;
import io.kadmesh.transport.Eventually;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code GET /api/node/routing-table} shows what the routing table holds, bucket by bucket: a node and a
 * browser that linked over real WebSockets, each with its kind, address, last seen time, failures and
 * open link, and in sum in {@code GET /api/diagnostics}; the browser gone once its link closes.
 */
@QuarkusTest
@TestProfile(RoutingTableApiTest.OwnApp.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RoutingTableApiTest {

    /** An application of its own, so that the routing table holds only this test's contacts. */
    public static class OwnApp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kadmesh.profile", "routing-table-test");
        }
    }

    @Inject
    WebSocketTransport websocket;

    @Inject
    NodeLifecycle node;

    @TestHTTPResource("/")
    java.net.URL root;

    private final EventLoopScheduler scheduler = new EventLoopScheduler("routing-table-test");

    @AfterEach
    void close() {
        scheduler.close();
    }

    @Test
    void listsEachContactWithItsStateAndForgetsABrowserWithItsLink() throws Exception {
        node.start();
        AuthenticatedPeer peer = new AuthenticatedPeer(websocket, scheduler, root.getPort());
        AuthenticatedPeer browser = new AuthenticatedPeer(websocket, scheduler, root.getPort(), true);
        try {
            peer.exchange(peer.frame("ping", "p1", ""));
            browser.exchange(browser.frame("ping", "b1", ""));
            String peerPath = "buckets.contacts.flatten().find { it.nodeId == '" + peer.self.id().toHex() + "' }";
            String browserPath = "buckets.contacts.flatten().find { it.nodeId == '" + browser.self.id().toHex() + "' }";
            Eventually.await("both in the routing table", Duration.ofSeconds(5), () -> given()
                    .get("/api/node/routing-table").jsonPath().getInt("size") == 2);

            given().get("/api/node/routing-table").then().statusCode(200)
                    .body("nodeId", equalTo(node.running().dht().id().toHex())).body("size", equalTo(2))
                    .body(peerPath + ".kind", equalTo("node"))
                    .body(peerPath + ".address", equalTo("ws://127.0.0.1:1/dht"))
                    .body(peerPath + ".linked", equalTo(true)).body(peerPath + ".failures", equalTo(0))
                    .body(peerPath + ".lastSeen", notNullValue())
                    .body(browserPath + ".kind", equalTo("browser"))
                    .body(browserPath + ".linked", equalTo(true))
                    .body("buckets.replacements.flatten().size()", equalTo(0));
            given().get("/api/diagnostics?paths=false").then().statusCode(200).body("routingTable.contacts", equalTo(2))
                    .body("routingTable.browsers", equalTo(1)).body("routingTable.linked", equalTo(2))
                    .body("routingTable.failing", equalTo(0)).body("routingTable.replacements", equalTo(0))
                    .body("routingTable.buckets", equalTo(given().get("/api/node/routing-table").jsonPath()
                            .getList("buckets").size()));

            browser.close();
            Eventually.await("the browser gone with its link", Duration.ofSeconds(5), () -> given()
                    .get("/api/node/routing-table").jsonPath().getInt("size") == 1);
        } finally {
            peer.close();
            browser.close();
        }
    }
}
