package io.kadmesh.node;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.dht.NodeId;
import io.kadmesh.plugin.websocket.WebSocketTransport;
import io.kadmesh.testing.RecordFrames;
import io.kadmesh.testing.RecordFrames.Publisher;
import io.kadmesh.transport.Eventually;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * {@code GET /api/node}'s {@code transfer} moves by exactly the frames and bytes a peer sent and
 * received over a real WebSocket after the handshake, and shows a rate while traffic flows.
 */
@QuarkusTest
@TestProfile(TransferFiguresTest.OwnApp.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransferFiguresTest {

    /** An application of its own: no other test's links may add to its traffic. */
    public static class OwnApp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kadmesh.profile", "transfer-figures-test");
        }
    }

    @Inject
    WebSocketTransport websocket;

    @Inject
    NodeLifecycle node;

    @TestHTTPResource("/")
    java.net.URL root;

    private final EventLoopScheduler scheduler = new EventLoopScheduler("transfer-figures-test");
    private AuthenticatedPeer peer;

    @AfterEach
    void close() {
        peer.close();
        scheduler.close();
    }

    @Test
    void mustCountExactlyTheFramesAndBytesOfTheLink() throws Exception {
        node.start();
        JsonPath before = transfer();
        peer = new AuthenticatedPeer(websocket, scheduler, root.getPort());

        Publisher publisher = new Publisher();
        Instant expires = Instant.now().plus(1, ChronoUnit.HOURS);
        for (int i = 0; i < 25; i++) {
            String sender = "\"sender\":{\"nodeId\":\"" + peer.self.id().toHex() + "\",\"address\":\""
                    + peer.self.address() + "\"}";
            assertEquals("pong", RecordFrames.outcome(
                    peer.exchange("{\"type\":\"ping\",\"requestId\":\"p" + i + "\"," + sender + "}")));
            assertEquals("stored", RecordFrames.outcome(peer.exchange(RecordFrames.store("s" + i, peer.self,
                    NodeId.sha1(new byte[] { (byte) i }), "Überprüfung ✓ 検証 " + i, publisher, 1, expires))));
        }

        Eventually.await("the node's transfer figures to match the peer's own tally", Duration.ofSeconds(10), () -> {
            JsonPath now = transfer();
            return delta(now, before, "bytesIn") == peer.bytesSent.get()
                    && delta(now, before, "bytesOut") == peer.bytesReceived.get()
                    && delta(now, before, "messagesIn") == peer.framesSent.get()
                    && delta(now, before, "messagesOut") == peer.framesReceived.get();
        });
        JsonPath after = transfer();
        assertTrue(peer.framesSent.get() >= 50, "every request, and the peer's answers to the node's own");
        assertTrue(after.getDouble("bytesInPerSecond") > 0, "a rate while traffic flows: " + after.prettify());
        assertTrue(after.getDouble("rateWindowSeconds") > 0 && after.getDouble("rateWindowSeconds") <= 10.5,
                after.prettify());
    }

    private static long delta(JsonPath now, JsonPath before, String field) {
        return now.getLong(field) - before.getLong(field);
    }

    private static JsonPath transfer() {
        return given().when().get("/api/node").then().statusCode(200).extract().jsonPath().setRootPath("transfer");
    }
}
