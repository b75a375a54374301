package io.kadmesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeId;
import io.kadmesh.plugin.websocket.WebSocketTransport;
import io.kadmesh.testing.RecordFrames;
import io.kadmesh.testing.RecordFrames.Publisher;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A peer with a real key, over a real WebSocket after the real handshake, asks a node to store a key
 * that k other nodes it knows are closer to. The node refuses; a key it is close to is still taken.
 */
@QuarkusTest
@TestProfile(FarKeyStoreTest.OwnApp.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FarKeyStoreTest {

    /** An application of its own: the contacts this test adds must not make other tests' keys far. */
    public static class OwnApp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kadmesh.profile", "far-key-test");
        }
    }

    @Inject
    WebSocketTransport websocket;

    @Inject
    NodeLifecycle node;

    @TestHTTPResource("/")
    java.net.URL root;

    private final EventLoopScheduler scheduler = new EventLoopScheduler("far-key-test");
    private final List<AuthenticatedPeer> peers = new ArrayList<>();

    @AfterEach
    void close() {
        peers.forEach(AuthenticatedPeer::close);
        scheduler.close();
    }

    @Test
    void mustRefuseAStoreForAKeyThatKNodesItKnowsAreCloserTo() throws Exception {
        node.start();
        NodeId self = node.running().dht().id();
        byte[] far = self.toBytes();
        far[0] ^= (byte) 0x80;
        NodeId farKey = NodeId.of(far);
        while (peers.size() < KademliaParameters.DEFAULTS.k() + 1) {
            AuthenticatedPeer peer = new AuthenticatedPeer(websocket, scheduler, root.getPort());
            peers.add(peer);
            if (peer.self.id().bit(0) == self.bit(0)) {
                peer.close();
                peers.remove(peer);
            } else {
                assertEquals("pong", peer.outcomeOf("{\"type\":\"ping\",\"requestId\":\"p" + peers.size()
                        + "\",\"sender\":{\"nodeId\":\"" + peer.self.id() + "\",\"address\":\"" + peer.self.address()
                        + "\"}}"));
            }
        }
        AuthenticatedPeer mallory = peers.get(peers.size() - 1); // the freshest link: idle ones over the maximum are trimmed
        Instant expiry = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);

        JsonNode reply = mallory.exchange(RecordFrames.store("far1", mallory.self, farKey, "\"v\"", new Publisher(), 1,
                expiry));

        assertEquals("error:refused", RecordFrames.outcome(reply), reply.toString());
        assertTrue(reply.path("message").asText().contains("far from this node"), reply.toString());
        assertEquals("stored", mallory.outcomeOf(RecordFrames.store("near1", mallory.self, self, "\"v\"",
                new Publisher(), 1, expiry)), "a key this node is the closest to is kept");
    }
}
