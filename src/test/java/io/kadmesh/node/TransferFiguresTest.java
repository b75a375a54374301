package io.kadmesh.node;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.protocol.Ping;
import io.kadmesh.dht.protocol.Pong;
import io.kadmesh.dht.protocol.Store;
import io.kadmesh.dht.protocol.Stored;
import io.kadmesh.dht.storage.SignedRecord;
import io.kadmesh.spi.metrics.Direction;
import io.kadmesh.testing.TalliedPeer;
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
    NodeLifecycle node;

    @TestHTTPResource("/dht")
    URL dht;

    private final EventLoopScheduler scheduler = new EventLoopScheduler("transfer-figures-test");
    private TalliedPeer peer;

    @AfterEach
    void close() {
        peer.close();
        scheduler.close();
    }

    @Test
    void mustCountExactlyTheFramesAndBytesOfTheLink() throws Exception {
        node.start();
        JsonPath before = transfer();
        peer = new TalliedPeer(TalliedPeer.dialUrl(dht), scheduler);

        Instant expires = Instant.now().plus(Duration.ofHours(1));
        for (int i = 0; i < 25; i++) {
            assertInstanceOf(Pong.class, peer.exchange(TalliedPeer.CODEC.encode(new Ping(peer.nextId(), peer.self))));
            SignedRecord record = SignedRecord.sign(NodeId.sha1(new byte[] { (byte) i }), "Überprüfung ✓ 検証 " + i,
                    1, expires, peer.identity.recordSigner());
            assertInstanceOf(Stored.class,
                    peer.exchange(TalliedPeer.CODEC.encode(new Store(peer.nextId(), peer.self, record))));
        }

        Eventually.await("the node's transfer figures to match the peer's own tally", Duration.ofSeconds(10), () -> {
            JsonPath now = transfer();
            return delta(now, before, "bytesIn") == peer.tally.bytes(Direction.IN)
                    && delta(now, before, "bytesOut") == peer.tally.bytes(Direction.OUT)
                    && delta(now, before, "messagesIn") == peer.tally.frames(Direction.IN)
                    && delta(now, before, "messagesOut") == peer.tally.frames(Direction.OUT);
        });
        JsonPath after = transfer();
        assertTrue(peer.tally.frames(Direction.IN) >= 50, "every request, and the peer's answers to the node's own");
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
