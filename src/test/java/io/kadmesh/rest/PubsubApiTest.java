package io.kadmesh.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.kadmesh.node.NodeLifecycle;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * {@code POST /api/pubsub/channels} through the running node: a channel is created once (201, this
 * node its creator) and answered as it was ever after (200); a bad name or body is a 400 that says
 * what a name is; a key held by a value that is no channel is a 409 naming its publisher.
 */
@QuarkusTest
class PubsubApiTest {

    @Inject
    NodeLifecycle node;

    @BeforeEach
    void startNode() {
        node.start();
    }

    @Test
    void createsAChannelOnceAndAnswersItAsItWasAfterwards() {
        String self = given().get("/api/node").then().extract().path("nodeId");

        JsonPath created = create("{\"name\":\"api-news\"}").then().statusCode(201)
                .body("name", equalTo("api-news")).body("creator", equalTo(self)).extract().jsonPath();
        JsonPath again = create("{\"name\":\"api-news\"}").then().statusCode(200).extract().jsonPath();

        assertEquals(created.getString("createdAt"), again.getString("createdAt"));
        assertEquals(self, again.getString("creator"));
    }

    @Test
    void refusesBadNamesAndBodiesWithA400SayingWhatANameIs() {
        create("{\"name\":\"Big News\"}").then().statusCode(400).body("error", containsString("a-z, 0-9"));
        create("{\"name\":\"" + "n".repeat(65) + "\"}").then().statusCode(400).body("error", containsString("at most 64"));
        create("{\"other\":1}").then().statusCode(400).body("error", containsString("must be given"));
        create("{not json").then().statusCode(400);
        create("").then().statusCode(400);
    }

    @Test
    void aNameWhoseKeyHoldsAnotherValueIsA409NamingItsPublisher() {
        String self = given().get("/api/node").then().extract().path("nodeId");
        given().contentType(ContentType.JSON).body("{\"value\":\"squatting\"}").put("/api/dht/values/channel:taken")
                .then().statusCode(200);

        create("{\"name\":\"taken\"}").then().statusCode(409).body("error", containsString("publisher " + self))
                .body("error", containsString("no record of this channel"));
    }

    private static io.restassured.response.Response create(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/pubsub/channels");
    }
}
