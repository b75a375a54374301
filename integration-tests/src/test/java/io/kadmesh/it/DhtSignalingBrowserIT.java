package io.kadmesh.it;

import static io.kadmesh.it.harness.BrowserNetwork.connections;
import static io.kadmesh.it.harness.BrowserNetwork.evaluate;
import static io.kadmesh.it.harness.BrowserNetwork.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;

import io.kadmesh.it.harness.BrowserNetwork;
import io.kadmesh.it.harness.NodeClient;
import io.kadmesh.it.harness.NodeStatus;
import io.kadmesh.it.harness.TrueClosest;
import io.kadmesh.localnet.LocalNetwork;
import io.kadmesh.localnet.NodeProcess;

/**
 * Signaling routed through the DHT: two pages of real headless Chromium, left linked to no node in
 * common (one to the 3 nodes closest to its id, the other to the rest of a bootstrap and 3 nodes),
 * open a DataChannel: the signals find the first page through the nodes closest to its id. Three
 * pairs in turn, with other pages linked to the same nodes: the offerer's candidates keep coming
 * while its first node refuses them and it looks the peer up, and they must wait for the next route
 * rather than go back to the node that refused them (which ended the session, now and then, before
 * the client held them). Runs in a private network namespace ({@code integration-tests/netns/bin/java}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DhtSignalingBrowserIT {

    private static final int OTHER_PAGES = 4;
    private static final int PAIRS = 3;

    private BrowserNetwork browsers;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void start() {
        browsers = BrowserNetwork.start("it-dht-signaling", 3);
    }

    @AfterAll
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void stop() {
        if (browsers != null) {
            browsers.close();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void withNoNodeInCommonTheSignalsReachThePeerThroughTheNodesClosestToItInTheDht() throws Exception {
        LocalNetwork network = browsers.network();
        for (int i = 0; i < OTHER_PAGES; i++) {
            browsers.joinedPage(network.bootstrap());
        }
        for (int pair = 0; pair < PAIRS; pair++) {
            signalThroughTheDht(browsers, network);
        }
    }

    /**
     * The same moment, made certain in one page: its offer's node refuses the signals, and while the
     * page looks the peer up, a candidate comes and the node's refusal of an earlier signal arrives. The
     * candidate waits, the refusal ends nothing, and every signal goes to the node the lookup found.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void signalsMadeWhileThePageLooksThePeerUpWaitForTheNextRoute() {
        Page page = browsers.joinedPage(browsers.network().bootstrap());
        JsonNode outcome = evaluate(page, REROUTE_SCRIPT, null);

        assertTrue(outcome.path("offered").asBoolean(), "the offer went to the first node: " + outcome);
        assertEquals("[]", outcome.path("toRefusingAfterItRefused").toString(),
                "nothing more to the node that refused: " + outcome);
        assertTrue(outcome.path("alive").asBoolean(), "the session outlived the refusals: " + outcome);
        assertEquals(outcome.path("sent").toString(), outcome.path("toNext").toString(),
                "the next node got every signal, the candidate made meanwhile too: " + outcome);
    }

    /**
     * Looking the peer up is signaling, not ICE: a lookup that takes longer than the ICE timeout (a
     * loaded machine, a slow node) leaves the session alive, and ICE gets its whole timeout once the
     * signals are on their new route. The session used to fail as "no DataChannel within 5000 ms"
     * while the page was still looking for a route, and then tried the relay through the node that had
     * refused it.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aLookupLongerThanTheIceTimeoutLeavesIceItsWholeTime() {
        Page page = browsers.joinedPage(browsers.network().bootstrap());
        JsonNode outcome = evaluate(page, SLOW_LOOKUP_SCRIPT, null);

        assertTrue(outcome.path("aliveAfterLookup").asBoolean(),
                "the session outlived a lookup 3 ICE timeouts long: " + outcome);
        assertEquals(outcome.path("sent").toString(), outcome.path("toNext").toString(),
                "the signals went on once the lookup ended: " + outcome);
        assertEquals("ice", outcome.path("phase").asText(), "ICE, then, timed out: " + outcome);
        assertTrue(outcome.path("iceMs").asInt() >= outcome.path("iceTimeoutMs").asInt(),
                "ICE had its whole timeout after the lookup: " + outcome);
    }

    /**
     * Drives the page's own {@code PeerSessions} with two stand-in node links, one that refuses and one a
     * lookup finds, and a lookup the script releases when it chooses.
     */
    private static final String REROUTE_SCRIPT = """
            async () => {
              const { PeerSessions } = await import('/client/peers.js');
              const toRefusing = [];
              const toNext = [];
              const refusing = { isOpen: true, signal: (frame) => toRefusing.push(frame.signal.kind) };
              const next = { isOpen: true, signal: (frame) => toNext.push(frame.signal.kind) };
              let release;
              const lookup = new Promise((resolve) => { release = resolve; });
              const peers = new PeerSessions(window.kadmesh.identity, () => [refusing], () => lookup,
                { answer: () => null });
              const peerId = 'ab'.repeat(20);
              let failed = null;
              peers.direct(peerId).catch((e) => { failed = e.message; });
              for (let i = 0; i < 400 && toRefusing.length === 0 && !failed; i++) await new Promise((r) => setTimeout(r, 5));
              if (toRefusing.length === 0) return JSON.stringify({ offered: false, failed });
              const [id, session] = [...peers.sessions.entries()][0];
              const refusal = { type: 'signal_error', session: id, to: peerId, message: 'no browser linked here' };
              peers.receive(refusing, refusal);
              const refusedBefore = toRefusing.length;
              peers.send(session, { kind: 'candidate', candidate: 'candidate:1 1 udp 1 192.0.2.9 9 typ host' });
              peers.receive(refusing, refusal);
              release([next]);
              await new Promise((r) => setTimeout(r, 50));
              const outcome = { offered: true, toRefusingAfterItRefused: toRefusing.slice(refusedBefore),
                alive: peers.sessions.get(id) === session, sent: session.sent.map((s) => s.kind), toNext };
              peers.close();
              return JSON.stringify(outcome);
            }""";

    /**
     * As above, with an ICE timeout of 300 ms and a lookup that ends 900 ms after the refusal; the stand-in
     * peer never answers, so ICE must time out, and the script reports when.
     */
    private static final String SLOW_LOOKUP_SCRIPT = """
            async () => {
              const { PeerSessions } = await import('/client/peers.js');
              const iceTimeoutMs = 300;
              const toNext = [];
              let refused = false;
              const refusing = { isOpen: true, signal: () => { refused = true; } };
              const next = { isOpen: true, signal: (frame) => toNext.push(frame.signal.kind) };
              let release;
              const lookup = new Promise((resolve) => { release = resolve; });
              const peers = new PeerSessions(window.kadmesh.identity, () => [refusing], () => lookup,
                { answer: () => null });
              peers.iceTimeoutMs = iceTimeoutMs;
              const peerId = 'cd'.repeat(20);
              const settled = peers.direct(peerId).then(() => ({ phase: 'open' }), (e) => ({ phase: e.phase, message: e.message }));
              for (let i = 0; i < 400 && !refused; i++) await new Promise((r) => setTimeout(r, 5));
              const [id, session] = [...peers.sessions.entries()][0];
              peers.receive(refusing, { type: 'signal_error', session: id, to: peerId, message: 'no browser linked here' });
              await new Promise((r) => setTimeout(r, 3 * iceTimeoutMs));
              const aliveAfterLookup = peers.sessions.get(id) === session;
              const released = performance.now();
              release([next]);
              const { phase, message } = await settled;
              const outcome = { aliveAfterLookup, iceTimeoutMs, phase, message, iceMs: Math.round(performance.now() - released),
                sent: session.sent.map((s) => s.kind), toNext };
              peers.close();
              return JSON.stringify(outcome);
            }""";

    private static void signalThroughTheDht(BrowserNetwork browsers, LocalNetwork network) throws Exception {
        Page erin = browsers.joinedPage(network.node(0));
        Page frank = browsers.joinedPage(network.node(1));
        String frankId = id(frank);
        List<String> memberIds = network.members().stream().map(node -> NodeClient.of(node).node().nodeId()).toList();
        List<String> frankHome = TrueClosest.of(memberIds, frankId, 3);
        List<String> elsewhere = memberIds.stream().filter(id -> !frankHome.contains(id)).toList();
        keepLinksTo(frank, frankHome);
        keepLinksTo(erin, elsewhere);
        assertTrue(linkedNodes(erin).stream().noneMatch(linkedNodes(frank)::contains), "no node in common");

        JsonNode opened;
        try {
            opened = evaluate(erin, "async f => JSON.stringify(await window.kadmesh.connectPeer(f))", frankId);
        } catch (RuntimeException e) {
            StringBuilder state = new StringBuilder("frank " + frankId + ", his nodes " + frankHome + ", linked to "
                    + linkedNodes(frank) + "; erin linked to " + linkedNodes(erin));
            for (NodeProcess node : network.members()) {
                NodeStatus status = NodeClient.of(node).node();
                state.append("; node ").append(status.nodeId(), 0, 8).append(" links ")
                        .append(status.connections().stream().map(link -> link.peer().substring(0, 8)).toList());
            }
            throw new AssertionError("no DataChannel through the DHT (" + e.getMessage() + "): " + state, e);
        }

        assertEquals("webrtc", opened.path("transport").asText(), opened.toString());
        assertTrue(linkedNodes(erin).stream().anyMatch(frankHome::contains),
                "erin found frank's nodes through the DHT: " + linkedNodes(erin));
        assertEquals("pong",
                evaluate(erin, "async f => JSON.stringify(await window.kadmesh.peerRequest(f, 'ping'))",
                        frankId).path("type").asText());
    }

    /** Closes the page's links to every node but {@code nodeIds}. */
    private static void keepLinksTo(Page page, List<String> nodeIds) {
        page.evaluate("ids => { for (const link of [...window.kadmesh.openLinks.values()])"
                + " if (!ids.includes(link.peer.nodeId)) link.close(); }", nodeIds);
    }

    private static List<String> linkedNodes(Page page) {
        return connections(page).stream().filter(link -> link.path("transport").asText().equals("websocket"))
                .map(link -> link.path("peer").asText()).toList();
    }
}
