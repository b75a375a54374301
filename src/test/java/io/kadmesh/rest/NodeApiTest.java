package io.kadmesh.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The REST API of one running node (a bootstrap on its own), good input and bad. */
@QuarkusTest
class NodeApiTest {

    private static final String HEX40 = "[0-9a-f]{40}";

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
                .body("closest[0].url", containsString("/dht"))
                .body("hops", equalTo(0))
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
    void mustListRegisteredNodesOnTheBootstrap() {
        var health = given().get("/api/network/health").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> nodes = health.getList("nodes");
        assertEquals(nodes.size(), health.getInt("total"));
        boolean everyReady = nodes.stream().allMatch(node -> Boolean.TRUE.equals(node.get("ready")));
        assertEquals(!nodes.isEmpty() && everyReady, health.getBoolean("healthy"));
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
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/dht/find-node"));
        given().header("Origin", "http://good.example").header("Access-Control-Request-Method", "POST")
                .options("/api/dht/find-node").then()
                .header("Access-Control-Allow-Origin", equalTo("http://good.example"));
    }
}
