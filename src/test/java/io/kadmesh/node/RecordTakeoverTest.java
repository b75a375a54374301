package io.kadmesh.node;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import io.kadmesh.dht.NodeId;
import io.kadmesh.plugin.websocket.WebSocketTransport;
import io.kadmesh.testing.RecordFrames;
import io.kadmesh.testing.RecordFrames.Publisher;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Attacks on a node's records by raw peers with real keys, over a real WebSocket after the real
 * handshake: taking over a key another publisher holds, forging a publisher's signature, replaying
 * a publisher's older record. Each is refused, and the honest value is what the node serves after.
 */
@QuarkusTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecordTakeoverTest {

    @Inject
    WebSocketTransport websocket;

    @Inject
    NodeLifecycle node;

    @TestHTTPResource("/")
    java.net.URL root;

    private final EventLoopScheduler scheduler = new EventLoopScheduler("record-takeover-test");
    private AuthenticatedPeer mallory;
    private AuthenticatedPeer honest;

    @BeforeEach
    void connect() throws Exception {
        node.start();
        mallory = new AuthenticatedPeer(websocket, scheduler, root.getPort());
        honest = new AuthenticatedPeer(websocket, scheduler, root.getPort());
    }

    @AfterEach
    void close() {
        mallory.close();
        honest.close();
        scheduler.close();
    }

    private static NodeId keyOf(String key) {
        return NodeId.sha1(key.getBytes(StandardCharsets.UTF_8));
    }

    private static Instant inAnHour() {
        return Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void mustRefuseAStoreThatWouldTakeOverTheNodesOwnRecord() throws Exception {
        given().contentType("application/json").body("{\"value\":\"honest\"}").put("/api/dht/values/takeover-own")
                .then().statusCode(200);
        Publisher attacker = new Publisher();

        JsonNode reply = mallory.exchange(RecordFrames.store("t1", mallory.self, keyOf("takeover-own"), "\"stolen\"",
                attacker, Long.MAX_VALUE / 2, inAnHour()));

        assertEquals("error:owned", RecordFrames.outcome(reply), reply.toString());
        String owner = node.running().dht().id().toHex();
        assertTrue(reply.path("message").asText().contains(owner), "names the owner: " + reply);
        assertEquals("honest", given().get("/api/dht/values/takeover-own").then().statusCode(200).extract()
                .path("value"));
        assertTrue(node.running().dht().heldRecords().get(5, TimeUnit.SECONDS).stream()
                .anyMatch(record -> record.key().equals(keyOf("takeover-own")) && record.original()
                        && record.value().equals("\"honest\"")),
                "the node still holds its own record, which is what it republishes");
    }

    @Test
    void mustAnswerARestPutOfAKeyAnotherPublisherHoldsWithConflictNamingTheOwner() throws Exception {
        Publisher owner = new Publisher();
        assertEquals("stored", honest.outcomeOf(RecordFrames.store("o1", honest.self, keyOf("owned-by-peer"),
                "\"first\"", owner, 1, inAnHour())));

        String body = given().contentType("application/json").body("{\"value\":\"second\"}")
                .put("/api/dht/values/owned-by-peer").then().statusCode(409).extract().asString();

        assertEquals(owner.id.toHex(), RecordFrames.read(body).path("owner").asText(), body);
        assertEquals("first", given().get("/api/dht/values/owned-by-peer").then().statusCode(200).extract()
                .path("value"));
    }

    @Test
    void mustRefuseARecordWhoseSignatureIsForged() throws Exception {
        Publisher victim = new Publisher();
        NodeId key = keyOf("forged");
        Instant expiry = inAnHour();
        assertEquals("stored", honest.outcomeOf(RecordFrames.store("f1", honest.self, key, "\"real\"", victim, 1,
                expiry)));

        String forged = RecordFrames.frame("f2", mallory.self, key, "\"fake\"", victim.id, victim.publicKey, 2, expiry,
                new byte[64]);
        JsonNode reply = mallory.exchange(forged);

        assertEquals("error:refused", RecordFrames.outcome(reply), reply.toString());
        assertTrue(reply.path("message").asText().contains("signature"), reply.toString());
        assertEquals("\"real\"", honest.exchange(RecordFrames.findValue("f3", honest.self, key)).path("value")
                .asText());
    }

    @Test
    void mustRefuseAReplayedOlderRecordOfTheSamePublisher() throws Exception {
        Publisher publisher = new Publisher();
        NodeId key = keyOf("replayed");
        String first = RecordFrames.store("r1", honest.self, key, "\"v5\"", publisher, 5, inAnHour());
        assertEquals("stored", honest.outcomeOf(first));
        assertEquals("stored", honest.outcomeOf(RecordFrames.store("r2", honest.self, key, "\"v6\"", publisher, 6,
                inAnHour())));

        String replay = first.replace(honest.self.id().toHex(), mallory.self.id().toHex()).replace("\"r1\"", "\"r3\"");
        JsonNode reply = mallory.exchange(replay);

        assertEquals("error:refused", RecordFrames.outcome(reply), reply.toString());
        assertEquals("\"v6\"", honest.exchange(RecordFrames.findValue("r4", honest.self, key)).path("value").asText());
    }
}
