package io.kadmesh.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.kadmesh.bootstrap.BootstrapClient;
import io.kadmesh.bootstrap.BootstrapMessages;
import io.kadmesh.bootstrap.BootstrapUrl;
import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.node.NodeLifecycle;
import io.kadmesh.testing.JdkWebSocketTransport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** The REST API of one running node (a bootstrap on its own), good input and bad. */
@QuarkusTest
class NodeApiTest {

    private static final String HEX40 = "[0-9a-f]{40}";
    /** Where the registered nodes claim to listen: nothing does, so the bootstrap never links to them. */
    private static final String ADDRESS = "ws://127.0.0.1:1/dht";

    @Inject
    NodeLifecycle node;

    private final JdkWebSocketTransport outside = new JdkWebSocketTransport();
    private final NodeIdentity first = NodeIdentity.generate();
    private final NodeIdentity second = NodeIdentity.generate();
    private final NodeIdentity third = NodeIdentity.generate();

    @BeforeEach
    void startNode() {
        node.start();
    }

    @Test
    void mustDescribeTheNode() {
        given().get("/api/node").then().statusCode(200)
                .body("nodeId", matchesPattern(HEX40))
                .body("role", equalTo("bootstrap"))
                .body("ready", equalTo(false))
                .body("routingTableSize", equalTo(0))
                .body("connections", hasSize(0))
                .body("config.profile", equalTo("default"));
    }

    @Test
    void mustFindTheNodeItselfInANetworkOfOne() {
        String self = given().get("/api/node").then().extract().path("nodeId");
        given().contentType(ContentType.JSON).body("{\"target\":\"" + "ab".repeat(20) + "\"}")
                .post("/api/dht/find-node").then().statusCode(200)
                .body("closest", hasSize(1))
                .body("closest[0].nodeId", equalTo(self))
                .body("closest[0].url", equalTo("ws://127.0.0.1:" + RestAssured.port + "/dht"))
                .body("hops", equalTo(0))
                // contacts other tests of this shared app left in its table may be asked and fail
                .body("queries", greaterThanOrEqualTo(0))
                .body("durationMs", notNullValue());
    }

    @Test
    void mustRefuseBadFindNodeRequestsWithA400() {
        given().contentType(ContentType.JSON).body("{\"target\":\"xyz\"}").post("/api/dht/find-node").then()
                .statusCode(400).body("error", containsString("40 hex digits"));
        given().contentType(ContentType.JSON).body("{not json").post("/api/dht/find-node").then()
                .statusCode(400).body("status", equalTo(400));
        given().contentType(ContentType.JSON).body("").post("/api/dht/find-node").then().statusCode(400);
    }

    @Test
    void mustStoreAndReadBackAValue() {
        given().contentType(ContentType.JSON).body("{\"value\":{\"greeting\":\"hello\",\"n\":3}}")
                .put("/api/dht/values/greeting").then().statusCode(200)
                .body("key", equalTo("greeting")).body("replicas", equalTo(1));
        given().get("/api/dht/values/greeting").then().statusCode(200)
                .body("key", equalTo("greeting")).body("value.greeting", equalTo("hello")).body("value.n", equalTo(3));
    }

    @Test
    void mustAnswerMissingValuesAndBadKeysClearly() {
        given().get("/api/dht/values/never-stored").then().statusCode(404)
                .body("error", containsString("never-stored"));
        given().get("/api/dht/values/" + "k".repeat(300)).then().statusCode(400)
                .body("error", containsString("256"));
        given().contentType(ContentType.JSON).body("{\"other\":1}").put("/api/dht/values/x").then()
                .statusCode(400).body("error", containsString("value"));
        given().contentType(ContentType.JSON).body("{\"value\":\"" + "v".repeat(70_000) + "\"}")
                .put("/api/dht/values/big").then().statusCode(400).body("error", containsString("limit"));
    }

    @Test
    void mustListExactlyTheNodesRegisteredOnTheBootstrap() throws Exception {
        Instant before = Instant.now();
        register(first, true, 3);
        register(second, true, 5);

        var health = given().get("/api/network/health").then().statusCode(200).extract().jsonPath();
        assertEquals(2, health.getInt("total"));
        assertEquals(true, health.getBoolean("healthy"));
        List<Map<String, Object>> nodes = health.getList("nodes");
        assertEquals(sortedIds(first, second), nodes.stream().map(node -> node.get("nodeId")).toList());
        Map<String, Object> listed = nodes.get(nodes.get(0).get("nodeId").equals(first.id().toHex()) ? 0 : 1);
        assertEquals(ADDRESS, listed.get("url"));
        assertEquals(3, listed.get("connections"));
        Instant lastSeen = Instant.parse((String) listed.get("lastSeen"));
        assertTrue(!lastSeen.isBefore(before) && !lastSeen.isAfter(Instant.now()), "seen during the test: " + lastSeen);

        register(third, false, 0);
        given().get("/api/network/health").then().statusCode(200)
                .body("total", equalTo(3)).body("healthy", equalTo(false))
                .body("nodes.find { it.nodeId == '" + third.id().toHex() + "' }.ready", equalTo(false));
    }

    @Test
    void mustForgetANodeThatLeaves() throws Exception {
        register(first, true, 3);
        register(second, true, 3);

        assertEquals(true, bootstrap(first).leave(bootstrapUrl())
                .get(10, TimeUnit.SECONDS));

        given().get("/api/network/health").then().statusCode(200)
                .body("total", equalTo(1)).body("nodes[0].nodeId", equalTo(second.id().toHex()));
    }

    @AfterEach
    void leaveAll() throws Exception {
        for (NodeIdentity identity : List.of(first, second, third)) {
            bootstrap(identity).leave(bootstrapUrl())
                    .get(10, TimeUnit.SECONDS);
        }
        outside.close();
    }

    private void register(NodeIdentity identity, boolean ready, int connections) throws Exception {
        bootstrap(identity).register(bootstrapUrl(),
                new BootstrapMessages.Status(new Contact(identity.id(), ADDRESS), ready, connections))
                .get(10, TimeUnit.SECONDS);
    }

    private BootstrapClient bootstrap(NodeIdentity identity) {
        return new BootstrapClient(outside, identity, new SecureRandom(), Duration.ofSeconds(5));
    }

    private static BootstrapUrl bootstrapUrl() {
        return BootstrapUrl.parse("ws://127.0.0.1:" + RestAssured.port + "/bootstrap");
    }

    private static List<String> sortedIds(NodeIdentity... identities) {
        return Arrays.stream(identities).map(NodeIdentity::id).sorted().map(NodeId::toHex).toList();
    }

    @Test
    void mustReportLivenessAndExplainWhyNotReady() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'dht' }.data.joined", equalTo(true))
                .body("checks.find { it.name == 'dht' }.data.connectionsMin", equalTo(3));
    }

    @Test
    void mustPublishOpenApiAndAllowConfiguredOrigins() {
        given().get("/q/openapi").then().statusCode(200).contentType("application/yaml")
                .body(containsString("/api/dht/find-node:")).body(containsString("title: Kadmesh node API"));
        given().get("/q/openapi?format=json").then().statusCode(200).contentType(ContentType.JSON)
                .body("paths", hasKey("/api/dht/values/{key}")).body("components.schemas", hasKey("FindNodeResponse"));
        given().accept(ContentType.JSON).get("/q/openapi").then().statusCode(200).body("paths", hasKey("/api/node"));
        given().get("/q/openapi?format=xml").then().statusCode(400).body("error", equalTo("format must be json or yaml"));
        given().header("Origin", "http://good.example").header("Access-Control-Request-Method", "POST")
                .options("/api/dht/find-node").then()
                .header("Access-Control-Allow-Origin", equalTo("http://good.example"));
    }
}
