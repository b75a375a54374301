package io.kadmesh.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.kadmesh.node.NodeLifecycle;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * A node whose own publications have filled their byte budget answers a REST write 507, saying so,
 * whichever resource the write went to: a value, or a channel's record.
 */
@QuarkusTest
@TestProfile(StoreFullApiTest.SmallBudget.class)
class StoreFullApiTest {

    /** Room for one record of the node's own, and a value too long for the rest. */
    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kadmesh.profile", "store-full-test", "kadmesh.storage.max-bytes-per-sender", "1200");
        }
    }

    @Inject
    NodeLifecycle node;

    @BeforeEach
    void startNode() {
        node.start();
    }

    @Test
    void aWriteBeyondTheNodesBudgetIsA507SayingSo() {
        given().contentType(ContentType.JSON).body("{\"value\":\"" + "v".repeat(400) + "\"}").put("/api/dht/values/big")
                .then().statusCode(507).body("error", containsString("cannot keep the record"));
        given().contentType(ContentType.JSON).body("{\"value\":\"" + "w".repeat(200) + "\"}").put("/api/dht/values/one")
                .then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"name\":\"no-room\"}").post("/api/pubsub/channels").then()
                .statusCode(507).body("error", containsString("cannot keep the record"));
    }
}
