package io.kadmesh.plugin.micrometer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.protocol.ErrorReply;
import io.kadmesh.dht.protocol.FindNode;
import io.kadmesh.dht.protocol.FindValue;
import io.kadmesh.dht.protocol.Nodes;
import io.kadmesh.dht.protocol.Pong;
import io.kadmesh.dht.protocol.Store;
import io.kadmesh.dht.protocol.Stored;
import io.kadmesh.dht.protocol.Value;
import io.kadmesh.dht.storage.SignedRecord;
import io.kadmesh.node.EventLoopScheduler;
import io.kadmesh.node.NodeLifecycle;
import io.kadmesh.plugin.micrometer.PrometheusParser.Sample;
import io.kadmesh.spi.metrics.Direction;
import io.kadmesh.spi.metrics.MessageType;
import io.kadmesh.testing.LinkTally;
import io.kadmesh.testing.TalliedPeer;
import io.kadmesh.transport.Eventually;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The node's byte and message counters move by exactly what one peer sent and received over a real
 * WebSocket after the real handshake: the UTF-8 bytes of every frame, and the frames by type, both ways,
 * the node's own pings of the peer and the peer's answers included. The baseline is read before the peer
 * dials, so a counted handshake frame, or a frame counted twice, leaves the counters off for good.
 */
@QuarkusTest
@TestProfile(TrafficCountersTest.OwnNode.class)
@Timeout(60)
class TrafficCountersTest {

    /** A node of its own, with no link but the test's, that pings a contact silent for half a second. */
    public static class OwnNode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kadmesh.profile", "metrics-traffic", "kadmesh.identity.key-file",
                    "target/metrics-traffic-node.key", "kadmesh.dht.ping-interval", "1s");
        }
    }

    /** Two-, three- and four-byte characters of UTF-8: characters and bytes differ. */
    private static final String TEXT = "Grüße aus Köln: 5 € für ein 😀";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    NodeLifecycle node;

    @TestHTTPResource("/dht")
    URL dht;

    private final EventLoopScheduler scheduler = new EventLoopScheduler("traffic-counters-test");
    private TalliedPeer peer;

    @BeforeEach
    void start() {
        node.start();
    }

    @AfterEach
    void close() {
        if (peer != null) {
            peer.close();
        }
        scheduler.close();
    }

    @Test
    void countersMoveByExactlyTheBytesAndFramesOfTheLink() throws Exception {
        List<Sample> before = PrometheusParser.parse(scrape());
        peer = new TalliedPeer(TalliedPeer.dialUrl(dht), scheduler);

        assertInstanceOf(Pong.class, peer.exchange(pingWithNote(TEXT)));
        assertInstanceOf(Pong.class, peer.exchange(pingWithNote("")));
        for (int i = 0; i < 2; i++) {
            NodeId target = NodeId.random(new SecureRandom());
            assertInstanceOf(Nodes.class,
                    peer.exchange(TalliedPeer.CODEC.encode(new FindNode(peer.nextId(), peer.self, target))));
        }
        NodeId key = NodeId.random(new SecureRandom());
        SignedRecord record = SignedRecord.sign(key, TEXT, 1, Instant.now().plus(Duration.ofMinutes(5)),
                peer.identity.recordSigner());
        assertInstanceOf(Stored.class,
                peer.exchange(TalliedPeer.CODEC.encode(new Store(peer.nextId(), peer.self, record))));
        Value found = assertInstanceOf(Value.class,
                peer.exchange(TalliedPeer.CODEC.encode(new FindValue(peer.nextId(), peer.self, key))));
        assertEquals(TEXT, found.record().value());
        assertInstanceOf(ErrorReply.class, peer.exchange("not JSON: " + TEXT));
        Eventually.await("the node to ping the peer on its own", WAIT,
                () -> peer.requestsFromNode(MessageType.PING) > 0);

        awaitCountersMatchTally(before);
        for (Direction direction : Direction.values()) {
            assertNotEquals(peer.tally.chars(direction), peer.tally.bytes(direction),
                    direction.label() + ": characters are not bytes here");
        }
    }

    @Test
    void signalingAndRelayFramesAreCountedUnderTheirOwnTypes() throws Exception {
        List<Sample> before = PrometheusParser.parse(scrape());
        peer = TalliedPeer.browser(TalliedPeer.dialUrl(dht), scheduler);
        String stranger = "c0ff000000000000000000000000000000000011";

        peer.send("{\"type\":\"signal\",\"to\":\"" + stranger + "\",\"session\":\"s1\",\"signal\":{\"kind\":\"offer\","
                + "\"sdp\":\"" + TEXT + "\"}}");
        assertTrue(peer.nextUndecoded().startsWith("{\"type\":\"signal_error\""));
        peer.send("{\"type\":\"relay_open\",\"to\":\"" + stranger + "\"}");
        assertTrue(peer.nextUndecoded().startsWith("{\"type\":\"relay_error\""));

        awaitCountersMatchTally(before);
        Map<String, Long> tally = peer.tally.counts();
        for (String type : List.of("signal", "relay")) {
            for (Direction direction : Direction.values()) {
                assertEquals(1L, tally.get(LinkTally.messagesKey(direction.label(), type)),
                        type + " " + direction.label() + ": " + tally);
            }
        }
    }

    /** Waits until the counters moved by the peer's tally; fails with both when they never do. */
    private void awaitCountersMatchTally(List<Sample> before) {
        AtomicReference<Map<String, Long>> tally = new AtomicReference<>();
        AtomicReference<Map<String, Long>> moved = new AtomicReference<>();
        try {
            Eventually.await("the node's counters to move by the peer's tally", WAIT, () -> {
                tally.set(peer.tally.counts());
                moved.set(SeriesMoves.between(before, PrometheusParser.parse(scrape())));
                return moved.get().equals(tally.get());
            });
        } catch (AssertionError e) {
            assertEquals(tally.get(), moved.get(), e.getMessage() + "; the node's own requests: "
                    + peer.requestsFromNode());
            throw e;
        }
    }

    /** A ping with an unknown field {@code note}, which receivers ignore. */
    private String pingWithNote(String note) {
        return "{\"type\":\"ping\",\"requestId\":\"" + peer.nextId() + "\",\"sender\":{\"nodeId\":\""
                + peer.identity.id().toHex() + "\",\"address\":\"" + peer.self.address() + "\"},\"note\":\"" + note
                + "\"}";
    }

    private static String scrape() {
        return given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
