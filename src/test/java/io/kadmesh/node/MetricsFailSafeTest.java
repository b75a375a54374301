package io.kadmesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

import io.kadmesh.config.live.ConfigSnapshot;
import io.kadmesh.config.live.LiveConfiguration;
import io.kadmesh.dht.NodeId;
import io.kadmesh.metrics.GuardedMetrics;
import io.kadmesh.plugin.websocket.WebSocketTransport;
import io.kadmesh.testing.RecordFrames;
import io.kadmesh.testing.RecordFrames.Publisher;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Metrics cannot break message flow (design.md §3.3), shown through the assembled node over a real
 * WebSocket, with the test's metrics plugin in place of the Micrometer one: a plugin that throws on
 * every call leaves every message delivered, and the same scripted exchange leaves the same trace with
 * metrics on and off, while the plugin is called only when they are on.
 */
@QuarkusTest
@TestProfile(ScriptedMetricsProfile.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsFailSafeTest {

    private static final Publisher PUBLISHER = new Publisher();
    private static final NodeId KEY = NodeId.sha1(new byte[] { 1, 1 });
    private static final NodeId MISSING_KEY = NodeId.sha1(new byte[] { 2, 2 });
    private static final Instant EXPIRES = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    @Inject
    WebSocketTransport websocket;

    @Inject
    NodeLifecycle node;

    @Inject
    ScriptedMetricsPlugin plugin;

    @Inject
    GuardedMetrics metrics;

    @Inject
    LiveConfiguration live;

    @TestHTTPResource("/")
    java.net.URL root;

    private final EventLoopScheduler scheduler = new EventLoopScheduler("metrics-fail-safe-test");
    private AuthenticatedPeer peer;

    @BeforeEach
    void link() throws Exception {
        node.start();
        metricsOn(true);
        peer = new AuthenticatedPeer(websocket, scheduler, root.getPort());
    }

    @AfterEach
    void close() {
        plugin.failWith = null;
        metricsOn(true);
        peer.close();
        scheduler.close();
    }

    @Test
    void everyMessageIsDeliveredWhileThePluginThrowsOnEveryCall() throws Exception {
        assertEquals("ScriptedMetricsPlugin", metrics.state().plugin(), "the test's plugin, not Micrometer's");
        long failuresBefore = metrics.state().failures();
        plugin.failWith = () -> new IllegalStateException("scripted failure");

        List<String> outcomes = new ArrayList<>();
        for (String frame : script(peer)) {
            outcomes.add(RecordFrames.outcome(peer.exchange(frame)));
        }
        plugin.failWith = () -> new NoClassDefFoundError("scripted linkage failure");
        outcomes.add(RecordFrames.outcome(peer.exchange(ping(peer, "after-error"))));

        assertEquals(List.of("pong", "nodes", "stored", "value", "nodes", "pong"), outcomes);
        GuardedMetrics.State state = metrics.state();
        assertTrue(state.failures() - failuresBefore >= 2 * outcomes.size(),
                "each request and each reply was measured, and failed: " + state);
        assertTrue(state.lastFailure().contains("scripted linkage failure"), state.lastFailure());
        assertFalse(state.switchedOff(), "this profile never switches the plugin off");
        assertEquals(1, node.running().dht().links().get(5, TimeUnit.SECONDS).size(), "the link stays open");
    }

    @Test
    void theSameExchangeLeavesTheSameTraceWithMetricsOnAndOff() throws Exception {
        int before = plugin.calls.get();
        List<String> on = trace(peer);
        int whileOn = plugin.calls.get() - before;

        metricsOn(false);
        before = plugin.calls.get();
        List<String> off = trace(peer);
        int whileOff = plugin.calls.get() - before;

        metricsOn(true);
        List<String> onAgain = trace(peer);

        assertTrue(whileOn >= 2 * on.size(), "with metrics on, each request and reply is measured: " + whileOn);
        assertEquals(0, whileOff, "with metrics off, the plugin is not called at all");
        assertEquals(on, off, "the same replies, byte for byte, with metrics off");
        assertEquals(on, onAgain, "and with metrics on again");
    }

    /** The node's replies to the script, as they came over the wire. */
    private List<String> trace(AuthenticatedPeer to) throws InterruptedException {
        List<String> replies = new ArrayList<>();
        for (String frame : script(to)) {
            replies.add(to.exchange(frame).toString());
        }
        return replies;
    }

    /** A ping, a find_node, a store of a signed record, and a find_value of it and of a missing key. */
    private static List<String> script(AuthenticatedPeer peer) {
        return List.of(ping(peer, "s1"),
                "{\"type\":\"find_node\",\"requestId\":\"s2\"," + sender(peer) + ",\"target\":\""
                        + MISSING_KEY.toHex() + "\"}",
                RecordFrames.store("s3", peer.self, KEY, "värde ✓ 価値", PUBLISHER, 1, EXPIRES),
                RecordFrames.findValue("s4", peer.self, KEY), RecordFrames.findValue("s5", peer.self, MISSING_KEY));
    }

    private static String ping(AuthenticatedPeer peer, String requestId) {
        return "{\"type\":\"ping\",\"requestId\":\"" + requestId + "\"," + sender(peer) + "}";
    }

    private static String sender(AuthenticatedPeer peer) {
        return "\"sender\":{\"nodeId\":\"" + peer.self.id().toHex() + "\",\"address\":\"" + peer.self.address() + "\"}";
    }

    private void metricsOn(boolean on) {
        ConfigSnapshot now = live.current();
        metrics.apply(on, now.commit(), now.settings().profile());
    }
}
