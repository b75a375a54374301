package io.kadmesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
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
import io.quarkus.test.junit.TestProfile;

/**
 * Peers with real keys, over a real WebSocket after the real handshake, try to fill a node's memory
 * with stores. Each sender is held to its quota and all of them to the total budget; a full store
 * says so and keeps serving reads.
 */
@QuarkusTest
@TestProfile(SmallStoreProfile.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StorageQuotaTest {

    /** 3,000 characters: 6,512 bytes as the budgets count them, so two fit a 16 KiB quota and three do not. */
    private static final String VALUE = "\"" + "x".repeat(2998) + "\"";

    @Inject
    WebSocketTransport websocket;

    @Inject
    NodeLifecycle node;

    @TestHTTPResource("/")
    java.net.URL root;

    private final EventLoopScheduler scheduler = new EventLoopScheduler("storage-quota-test");
    private final List<AuthenticatedPeer> peers = new ArrayList<>();

    @BeforeEach
    void start() {
        node.start();
    }

    @AfterEach
    void close() {
        peers.forEach(AuthenticatedPeer::close);
        scheduler.close();
    }

    private AuthenticatedPeer peer() throws Exception {
        AuthenticatedPeer peer = new AuthenticatedPeer(websocket, scheduler, root.getPort());
        peers.add(peer);
        return peer;
    }

    private static JsonNode store(AuthenticatedPeer peer, Publisher publisher, String key) throws Exception {
        Instant expiry = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
        return peer.exchange(RecordFrames.store("s" + key.hashCode(), peer.self,
                NodeId.sha1(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)), VALUE, publisher, 1, expiry));
    }

    private static String valueAt(AuthenticatedPeer peer, String key) throws Exception {
        return peer.exchange(RecordFrames.findValue("r" + key.hashCode(), peer.self,
                NodeId.sha1(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)))).path("value").asText();
    }

    @Test
    void mustHoldEachSenderToItsQuotaAndAllToTheTotalWhileServingReads() throws Exception {
        AuthenticatedPeer mallory = peer();
        Publisher malloryKey = new Publisher();
        assertEquals("stored", RecordFrames.outcome(store(mallory, malloryKey, "m1")));
        assertEquals("stored", RecordFrames.outcome(store(mallory, malloryKey, "m2")));

        JsonNode overQuota = store(mallory, new Publisher(), "m3");

        assertEquals("error:refused", RecordFrames.outcome(overQuota), overQuota.toString());
        assertTrue(overQuota.path("message").asText().contains("quota"), overQuota.toString());
        assertEquals(VALUE, valueAt(mallory, "m1"), "reads go on");

        AuthenticatedPeer bob = peer();
        Publisher bobKey = new Publisher();
        assertEquals("stored", RecordFrames.outcome(store(bob, bobKey, "b1")), "another sender is still accepted");
        assertEquals("stored", RecordFrames.outcome(store(bob, bobKey, "b2")));
        AuthenticatedPeer carol = peer();
        Publisher carolKey = new Publisher();
        assertEquals("stored", RecordFrames.outcome(store(carol, carolKey, "c1")));
        assertEquals("stored", RecordFrames.outcome(store(carol, carolKey, "c2")));

        JsonNode full = store(peer(), new Publisher(), "d1");

        assertEquals("error:refused", RecordFrames.outcome(full), full.toString());
        assertTrue(full.path("message").asText().contains("record store is full"), full.toString());
        assertEquals(VALUE, valueAt(carol, "m2"), "a full store keeps serving reads");
        assertEquals(VALUE, valueAt(bob, "c2"));
        assertEquals(6, node.running().dht().heldRecords().get(5, TimeUnit.SECONDS).size());
    }
}
