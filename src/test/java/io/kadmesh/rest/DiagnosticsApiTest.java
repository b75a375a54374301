package io.kadmesh.rest;

import static io.kadmesh.transport.Eventually.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.node.NodeLifecycle;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * {@code GET /api/diagnostics} on a running bootstrap of its own: first, fresh, it diagnoses clean (its
 * own paths checked step by step, its connection managers with their links); then a failed dial is
 * named by phase and cause, and a peer's circuit breaker, once failed dials opened it, is listed with
 * its state.
 */
@QuarkusTest
@TestProfile(DiagnosticsApiTest.OwnApp.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(60)
class DiagnosticsApiTest {

    /** A node of its own, so that no other test's failed dials or links are in its state. */
    public static class OwnApp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kadmesh.profile", "diagnostics-test");
        }
    }

    @Inject
    NodeLifecycle node;

    @BeforeEach
    void startNode() {
        node.start();
    }

    @Test
    @Order(1)
    void aLoneBootstrapDiagnosesCleanWithinTheBound() {
        String id = node.running().dht().id().toHex();
        given().get("/api/diagnostics").then().statusCode(200).body("healthy", equalTo(true))
                .body("verdict", containsString("healthy"))
                .body("paths.find { it.role == 'bootstrap' }.steps.find { it.step == 'hello' }.detail",
                        equalTo("challenge from bootstrap " + id))
                .body("paths.find { it.role == 'node' }.steps.find { it.step == 'request' }.outcome", equalTo("passed"))
                .body("paths.find { it.role == 'node' }.steps.find { it.step == 'webrtc' }.detail",
                        containsString("this node's WebRTC transport is off"))
                .body("durationMs", lessThan(5000)).body("bounds.totalMs", equalTo(10000))
                .body("node.nodeId", equalTo(id)).body("node.joined", equalTo(true))
                .body("node.connectionManagers.transport", hasItem("websocket"))
                .body("node.connectionManagers.find { it.transport == 'websocket' }.status", equalTo("available"))
                .body("node.metrics.switchedOff", equalTo(false)).body("findings.size()", equalTo(0));
    }

    @Test
    @Order(2)
    void aBadParameterIsA400SayingWhy() {
        given().get("/api/diagnostics?paths=maybe").then().statusCode(400)
                .body("error", containsString("'paths' must be true or false, got 'maybe'"));
        given().get("/api/diagnostics?paths=false").then().statusCode(200).body("paths.size()", equalTo(0))
                .body("node.nodeId", equalTo(node.running().dht().id().toHex()));
    }

    @Test
    @Order(3)
    void aFailedDialIsListedWithItsPhaseAndCause() throws Exception {
        String address = closedAddress();
        assertThrows(ExecutionException.class, () -> node.running().dht().ping(address).get(10, TimeUnit.SECONDS));

        given().get("/api/diagnostics").then().statusCode(200)
                .body("node.connectionManagers.find { it.transport == 'websocket' }.recentFailures.find { it.peer == '"
                        + address + "' }.cause", containsString("connection refused"))
                .body("node.connectionManagers.find { it.transport == 'websocket' }.recentFailures.find { it.peer == '"
                        + address + "' }.phase", equalTo("connect"))
                .body("node.connectionManagers.find { it.transport == 'websocket' }.failuresByPhase.connect",
                        org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }

    @Test
    @Order(4)
    void anOpenCircuitBreakerIsListedWithItsPeerAndStateAndNamedInAFinding() throws Exception {
        String address = closedAddress();
        String breaker = "node.connectionManagers.find { it.transport == 'websocket' }.openCircuitBreakers.find { it.peer == '"
                + address + "' }";

        await("the peer's breaker to be listed after failed dials", Duration.ofSeconds(30), () -> {
            assertThrows(ExecutionException.class, () -> node.running().dht().ping(address).get(10, TimeUnit.SECONDS));
            return JsonPath.from(given().get("/api/diagnostics?paths=false").asString()).get(breaker) != null;
        });

        given().get("/api/diagnostics?paths=false").then().statusCode(200)
                .body(breaker + ".state", equalTo("open")).body(breaker + ".address", equalTo(address))
                .body(breaker + ".since", notNullValue())
                .body("findings.find { it.area == 'transport' }.cause", containsString(address + " (open since "));
    }

    /** {@code ws://127.0.0.1:<port>/dht} at a port where nothing listens. */
    private static String closedAddress() throws Exception {
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "ws://127.0.0.1:" + closed.getLocalPort() + "/dht";
        }
    }
}
