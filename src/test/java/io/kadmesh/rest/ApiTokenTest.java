package io.kadmesh.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.node.NodeLifecycle;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * REST writes on a server bound beyond loopback (0.0.0.0; the requests go to 127.0.0.1): refused
 * without the bearer token or with a wrong one, served with the right one; reads, find-node, health
 * and metrics stay open.
 */
@QuarkusTest
@TestProfile(BeyondLoopbackProfile.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApiTokenTest {

    private static final String VALUE = "{\"value\":\"hello\"}";

    @Inject
    NodeLifecycle node;

    @BeforeEach
    void start() {
        node.start();
    }

    @Test
    void aWriteWithoutTheTokenMustBeRefused() {
        given().baseUri("http://127.0.0.1").contentType(ContentType.JSON).body(VALUE).put("/api/dht/values/k1")
                .then().statusCode(401).body("error", containsString("Authorization: Bearer"));
        given().baseUri("http://127.0.0.1").get("/api/dht/values/k1").then().statusCode(404);
    }

    @Test
    void aWriteWithAWrongTokenMustBeRefused() {
        given().baseUri("http://127.0.0.1").header("Authorization", "Bearer wrong").contentType(ContentType.JSON)
                .body(VALUE).put("/api/dht/values/k2").then().statusCode(401)
                .body("error", containsString("not this node's kadmesh.api.token"));
        given().baseUri("http://127.0.0.1").header("Authorization", BeyondLoopbackProfile.TOKEN)
                .contentType(ContentType.JSON).body(VALUE).put("/api/dht/values/k2").then().statusCode(401);
    }

    @Test
    void pubsubWritesTakeTheTokenAndItsStreamStaysOpen() {
        String bearer = "Bearer " + BeyondLoopbackProfile.TOKEN;
        given().baseUri("http://127.0.0.1").contentType(ContentType.JSON).body("{\"name\":\"token-news\"}")
                .post("/api/pubsub/channels").then().statusCode(401);
        given().baseUri("http://127.0.0.1").contentType(ContentType.JSON).body("{\"data\":\"x\"}")
                .post("/api/pubsub/channels/token-news/messages").then().statusCode(401);
        given().baseUri("http://127.0.0.1").header("Authorization", bearer).contentType(ContentType.JSON)
                .body("{\"name\":\"token-news\"}").post("/api/pubsub/channels").then().statusCode(201);
        given().baseUri("http://127.0.0.1").header("Authorization", bearer).contentType(ContentType.JSON)
                .body("{\"data\":\"x\"}").post("/api/pubsub/channels/token-news/messages").then().statusCode(201);
        given().baseUri("http://127.0.0.1").accept("text/event-stream")
                .get("/api/pubsub/channels/token-nobody/events").then().statusCode(404);
    }

    @Test
    void aWriteWithTheTokenMustBeServed() {
        given().baseUri("http://127.0.0.1").header("Authorization", "Bearer " + BeyondLoopbackProfile.TOKEN)
                .contentType(ContentType.JSON).body(VALUE).put("/api/dht/values/k3").then().statusCode(200);
        given().baseUri("http://127.0.0.1").get("/api/dht/values/k3").then().statusCode(200)
                .body("value", containsString("hello"));
    }

    @Test
    void readsHealthAndFindNodeMustStayOpen() {
        given().baseUri("http://127.0.0.1").get("/api/node").then().statusCode(200);
        given().baseUri("http://127.0.0.1").get("/q/health/live").then().statusCode(200);
        given().baseUri("http://127.0.0.1").contentType(ContentType.JSON).body("{\"target\":\"" + "ab".repeat(20)
                + "\"}").post("/api/dht/find-node").then().statusCode(200);
    }
}
