package io.kadmesh.node;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.kadmesh.plugin.websocket.WebSocketTransport;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * WebRTC signaling through a running node, over real WebSockets after the real handshake: the node
 * passes a browser's signal to the browser it names, stamped with the sender its link proved, and
 * refuses, with a {@code signal_error} that says why, whatever would make it a relay for anyone else:
 * a signal for a browser not linked to it, from a peer that is no browser, for a node, malformed,
 * too long, or beyond the rate. Every refusal leaves the link serving the DHT.
 */
@QuarkusTest
@TestProfile(SignalingTest.OwnApp.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SignalingTest {

    /** An application of its own, so that the peers added here meet no other test. */
    public static class OwnApp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kadmesh.profile", "signaling-test");
        }
    }

    @Inject
    WebSocketTransport websocket;

    @Inject
    NodeLifecycle node;

    @TestHTTPResource("/")
    java.net.URL root;

    private final EventLoopScheduler scheduler = new EventLoopScheduler("signaling-test");
    private final List<AuthenticatedPeer> peers = new ArrayList<>();
    private AuthenticatedPeer alice;
    private AuthenticatedPeer bob;

    @BeforeEach
    void link() throws Exception {
        node.start();
        alice = peer(true);
        bob = peer(true);
    }

    @AfterEach
    void close() {
        peers.forEach(AuthenticatedPeer::close);
        scheduler.close();
    }

    @Test
    void mustPassASignalOnStampedWithTheSenderTheLinkProved() throws Exception {
        alice.link.send(signal(bob.self.id().toHex(), "s1", "{\"kind\":\"offer\",\"sdp\":\"v=0\"}",
                ",\"from\":\"" + bob.self.id() + "\""));

        JsonNode received = bob.next();

        assertEquals("signal", received.path("type").asText(), received.toString());
        assertEquals(alice.self.id().toHex(), received.path("from").asText(), "stamped by the node, not the sender");
        assertEquals("s1", received.path("session").asText());
        assertEquals("offer", received.path("signal").path("kind").asText());
        assertEquals("v=0", received.path("signal").path("sdp").asText());
        assertTrue(received.path("to").isMissingNode(), received.toString());
    }

    @Test
    void mustRefuseASignalForABrowserNotLinkedHere() throws Exception {
        String stranger = "c0ff000000000000000000000000000000000011";
        JsonNode error = alice.exchange(signal(stranger, "s2", "{}", ""));
        assertRefused(error, "no browser " + stranger);
        assertEquals("s2", error.path("session").asText());
        assertEquals(stranger, error.path("to").asText());
    }

    @Test
    void mustRefuseSignalsFromOrForPeersThatAreNoBrowsers() throws Exception {
        AuthenticatedPeer node = peer(false);
        assertRefused(node.exchange(signal(bob.self.id().toHex(), "s3", "{}", "")), "only browsers signal");
        assertRefused(alice.exchange(signal(node.self.id().toHex(), "s4", "{}", "")), "no browser");
    }

    @Test
    void mustRefuseMalformedAndOversizedSignals() throws Exception {
        String to = bob.self.id().toHex();
        assertRefused(alice.exchange("{\"type\":\"signal\",\"to\":\"" + to + "\",\"session\":\"s5\",\"signal\":[1]}"),
                "'signal' must be a JSON object");
        assertRefused(alice.exchange(signal(to, "no spaces allowed", "{}", "")), "'session'");
        assertRefused(alice.exchange(signal("not-an-id", "s6", "{}", "")), "'to' must be 40 hex digits");
        assertRefused(alice.exchange("{\"type\":\"signal\",\"to\":"), "not a JSON object");
        assertRefused(alice.exchange(signal(to, "s7", "{\"sdp\":\"" + "a".repeat(40_000) + "\"}", "")),
                "the limit is 32768");
        assertEquals("pong", alice.outcomeOf(alice.frame("ping", "p1", "")), "the link still serves the DHT");
    }

    @Test
    void mustRefuseSignalsBeyondTheRate() throws Exception {
        String frame = signal("c0ff000000000000000000000000000000000011", "s8", "{}", "");
        int overRate = 0;
        for (int i = 0; i < 80; i++) {
            alice.link.send(frame);
        }
        for (int i = 0; i < 80; i++) {
            overRate += alice.next().path("message").asText().contains("signals a second") ? 1 : 0;
        }
        assertTrue(overRate >= 80 - 2 * 50 && overRate > 0, overRate + " of 80 refused for the rate");
        assertEquals("pong", alice.outcomeOf(alice.frame("ping", "p2", "")), "the link still serves the DHT");
    }

    @Test
    void mustRelayOnlyBetweenTwoBrowsersThatBothAskedForIt() throws Exception {
        String a = alice.self.id().toHex();
        String b = bob.self.id().toHex();
        assertRelayRefused(alice.exchange(relay(b, "early")), "no relay with " + b);

        alice.link.send("{\"type\":\"relay_open\",\"to\":\"" + b + "\"}");
        assertRelayRefused(alice.exchange(relay(b, "one-sided")), "both browsers must ask");
        bob.link.send("{\"type\":\"relay_open\",\"to\":\"" + a + "\"}");
        JsonNode bobReady = bob.next();
        JsonNode aliceReady = alice.next();
        assertEquals("relay_ready", bobReady.path("type").asText(), bobReady.toString());
        assertEquals(a, bobReady.path("peer").asText());
        assertEquals("relay_ready", aliceReady.path("type").asText(), aliceReady.toString());
        assertEquals(b, aliceReady.path("peer").asText());

        assertEquals(List.of(Stream.of(a, b).sorted().toList()), relaysReported(), "GET /api/node lists the relay");

        alice.link.send(relay(b, "{\"type\":\"ping\"}"));
        JsonNode relayed = bob.next();
        assertEquals("relay", relayed.path("type").asText(), relayed.toString());
        assertEquals(a, relayed.path("from").asText());
        assertEquals("{\"type\":\"ping\"}", relayed.path("data").asText());

        AuthenticatedPeer mallory = peer(true);
        assertRelayRefused(mallory.exchange(relay(b, "intrude")), "no relay with " + b);
        AuthenticatedPeer node = peer(false);
        assertRelayRefused(node.exchange(relay(b, "intrude")), "only browsers relay");

        alice.close();
        JsonNode closed = bob.next();
        assertEquals("relay_closed", closed.path("type").asText(), closed.toString());
        assertEquals(a, closed.path("peer").asText());
        assertRelayRefused(bob.exchange(relay(a, "after")), "no relay with " + a);
        assertEquals(List.of(), relaysReported());
    }

    private static List<List<String>> relaysReported() {
        return given().when().get("/api/node").then().statusCode(200).extract().jsonPath().getList("relays");
    }

    private static String relay(String to, String data) {
        return "{\"type\":\"relay\",\"to\":\"" + to + "\",\"data\":" + TextNode.valueOf(data)
                + "}";
    }

    private static void assertRelayRefused(JsonNode reply, String reason) {
        assertEquals("relay_error", reply.path("type").asText(), reply.toString());
        assertTrue(reply.path("message").asText().contains(reason), reply.toString());
    }

    private AuthenticatedPeer peer(boolean browser) throws Exception {
        AuthenticatedPeer peer = new AuthenticatedPeer(websocket, scheduler, root.getPort(), browser);
        peers.add(peer);
        assertEquals("pong", peer.outcomeOf(peer.frame("ping", "hello", "")));
        return peer;
    }

    private static String signal(String to, String session, String signal, String extra) {
        return "{\"type\":\"signal\",\"to\":\"" + to + "\",\"session\":\"" + session + "\",\"signal\":" + signal + extra
                + "}";
    }

    private static void assertRefused(JsonNode reply, String reason) {
        assertEquals("signal_error", reply.path("type").asText(), reply.toString());
        assertTrue(reply.path("message").asText().contains(reason), reply.toString());
    }
}
