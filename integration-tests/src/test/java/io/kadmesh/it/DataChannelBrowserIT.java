package io.kadmesh.it;

import static io.kadmesh.it.harness.BrowserNetwork.connections;
import static io.kadmesh.it.harness.BrowserNetwork.evaluate;
import static io.kadmesh.it.harness.BrowserNetwork.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;

import io.kadmesh.it.harness.BrowserNetwork;
import io.kadmesh.it.harness.NodeClient;
import io.kadmesh.localnet.LocalNetwork;
import io.kadmesh.localnet.NodeProcess;

/**
 * Browser↔browser and browser↔node over WebRTC, with real headless Chromium against a bootstrap and 3
 * nodes. Two pages joined through the bootstrap open a DataChannel with the bootstrap passing their
 * signaling, prove their ids over it and exchange DHT messages over it; a third page that forges a
 * signal into their session is refused by the page it targets, its malformed frames over a DataChannel
 * of its own are answered and counted, and a frame in another browser's name ends its channel. Two
 * pages whose ICE can gather no candidates reach each other over the bootstrap's relay, and move to a
 * DataChannel once ICE can work, while a stream of requests runs, every one answered. A page opens a
 * DataChannel to a node through webrtc-java, and a joined page opens them to its home nodes by itself
 * and asks them over those. Runs in a private network namespace ({@code integration-tests/netns/bin/java}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataChannelBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Requests carol sends dave, one every 20 ms, while their path moves from the relay to WebRTC. */
    private static final int STREAM = 300;

    private BrowserNetwork browsers;
    private LocalNetwork network;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void start() {
        browsers = BrowserNetwork.start("it-datachannel", 3);
        network = browsers.network();
    }

    @AfterAll
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void stop() {
        if (browsers != null) {
            browsers.close();
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void twoPagesOpenADataChannelThroughTheBootstrapAndTalkDhtOverIt() throws Exception {
        Page alice = browsers.joinedPage(network.bootstrap());
        Page bob = browsers.joinedPage(network.bootstrap());
        String bobId = id(bob);
        String aliceId = id(alice);

        JsonNode opened = evaluate(alice, "async b => JSON.stringify(await window.kadmesh.connectPeer(b))",
                bobId);
        System.out.println("DataChannel open and verified " + opened.path("openMs") + " ms after signaling started");

        assertEquals("webrtc", opened.path("transport").asText(), opened.toString());
        assertEquals(bobId, opened.path("peer").asText());
        JsonNode pong = evaluate(alice, "async b => JSON.stringify(await window.kadmesh.peerRequest(b, 'ping'))",
                bobId);
        assertEquals("pong", pong.path("type").asText(), pong.toString());
        assertEquals(bobId, pong.path("sender").path("nodeId").asText(), "bob answered, over the DataChannel");
        JsonNode nodes = evaluate(alice,
                "async b => JSON.stringify(await window.kadmesh.peerRequest(b, 'find_node', {target: b}))", bobId);
        assertEquals("nodes", nodes.path("type").asText(), nodes.toString());
        assertTrue(nodes.path("nodes").size() >= 1, "bob names the nodes it knows: " + nodes);
        assertTrue(connections(bob).stream().anyMatch(link -> link.path("peer").asText().equals(aliceId)
                && link.path("transport").asText().equals("webrtc")), "bob lists alice's DataChannel");

        Page mallory = browsers.joinedPage(network.bootstrap());
        String session = (String) alice.evaluate("() => [...window.kadmesh.peers.sessions.keys()][0]");
        mallory.evaluate("([b, s]) => [...window.kadmesh.openLinks.values()][0].signal({type: 'signal', to: b,"
                + " session: s, signal: {kind: 'candidate', candidate: 'candidate:1 1 udp 1 192.0.2.99 9 typ host'}})",
                List.of(bobId, session));
        bob.waitForFunction("() => window.kadmesh.refusedSignals > 0", null,
                new Page.WaitForFunctionOptions().setTimeout(10_000));
        assertEquals("pong",
                evaluate(alice, "async b => JSON.stringify(await window.kadmesh.peerRequest(b, 'ping'))",
                        bobId).path("type").asText(),
                "the channel still works after the forged signal");

        String malloryId = id(mallory);
        evaluate(mallory, "async b => JSON.stringify(await window.kadmesh.connectPeer(b))", bobId);
        mallory.evaluate("b => { const channel = window.kadmesh.peers.links.get(b).socket;"
                + " channel.send('not json at all'); channel.send('[1, 2]'); channel.send('{\"requestId\": 7}'); }", bobId);
        bob.waitForFunction("m => window.kadmesh.peers.links.get(m)?.refusedFrames === 3", malloryId,
                new Page.WaitForFunctionOptions().setTimeout(10_000));
        assertEquals("pong",
                evaluate(mallory, "async b => JSON.stringify(await window.kadmesh.peerRequest(b, 'ping'))",
                        bobId).path("type").asText(),
                "malformed frames are answered and counted; the channel stays");
        mallory.evaluate("([b, a]) => window.kadmesh.peers.links.get(b).socket.send(JSON.stringify({type: 'ping',"
                + " requestId: 'x', sender: {nodeId: a, address: 'browser:' + a}}))", List.of(bobId, aliceId));
        bob.waitForFunction("m => !window.kadmesh.peers.links.get(m)?.isOpen", malloryId,
                new Page.WaitForFunctionOptions().setTimeout(10_000));
        assertEquals("pong",
                evaluate(alice, "async b => JSON.stringify(await window.kadmesh.peerRequest(b, 'ping'))",
                        bobId).path("type").asText(),
                "bob closed mallory's channel for the forged sender, and alice's works");
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void whenIceFailsTheRelayCarriesTheTrafficAndThePagesMoveToTheDirectPathLosingNothing() throws Exception {
        Page carol = browsers.joinedPage(network.bootstrap());
        Page dave = browsers.joinedPage(network.bootstrap());
        String daveId = id(dave);
        for (Page page : List.of(carol, dave)) {
            page.evaluate("() => { const p = window.kadmesh.peers; p.iceTransportPolicy = 'relay';"
                    + " p.iceTimeoutMs = 2000; p.directRetryMs = 1500; }");
        }

        JsonNode opened = evaluate(carol, "async d => JSON.stringify(await window.kadmesh.connectPeer(d))",
                daveId);
        System.out.println("relay carrying the traffic " + opened.path("openMs")
                + " ms after the direct path failed; direct failure: " + opened.path("directError").asText());

        assertEquals("relay", opened.path("transport").asText(), opened.toString());
        assertTrue(opened.path("directError").asText().contains("ice"), opened.toString());
        assertTrue(connections(carol).stream().anyMatch(link -> link.path("peer").asText().equals(daveId)
                && link.path("transport").asText().equals("relay")), "carol reports the relay");
        List<String> pair = Stream.of(id(carol), daveId).sorted().toList();
        assertTrue(NodeClient.of(network.bootstrap()).node().relays().contains(pair),
                "the bootstrap reports the relay it carries");

        carol.evaluate("d => { window.results = []; (async () => { for (let i = 0; i < " + STREAM + "; i++) {"
                + " const path = window.kadmesh.peers.links.get(d)?.transport;"
                + " const reply = await window.kadmesh.peerRequest(d, 'ping').then(r => r.type, e => 'error: ' + e.message);"
                + " window.results.push([path, reply]); await new Promise(r => setTimeout(r, 20)); } })(); }",
                daveId);
        for (Page page : List.of(carol, dave)) {
            page.evaluate("() => { window.kadmesh.peers.iceTransportPolicy = 'all'; }");
        }
        carol.waitForFunction("n => window.results.length === n", STREAM,
                new Page.WaitForFunctionOptions().setTimeout(60_000));

        JsonNode results = evaluate(carol, "() => JSON.stringify(window.results)", null);
        for (JsonNode result : results) {
            assertEquals("pong", result.get(1).asText(), "every request answered across the move: " + result);
        }
        assertEquals("relay", results.get(0).get(0).asText(), "the stream starts on the relay");
        assertEquals("webrtc", results.get(STREAM - 1).get(0).asText(), "and ends on the direct path: " + results);
        assertTrue((int) carol.evaluate("() => window.kadmesh.peers.upgrades") >= 1);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aPageAndANodeOpenADataChannelThroughWebrtcJava() throws Exception {
        Page page = browsers.joinedPage(network.bootstrap());
        String pageId = id(page);
        String bootstrapId = NodeClient.of(network.bootstrap()).node().nodeId();

        JsonNode opened = evaluate(page, "async n => JSON.stringify(await window.kadmesh.connectNode(n))",
                bootstrapId);
        System.out.println("DataChannel to a node (webrtc-java) open and verified " + opened.path("openMs")
                + " ms after signaling started");

        assertEquals("webrtc", opened.path("transport").asText(), opened.toString());
        JsonNode pong = evaluate(page, "async n => JSON.stringify(await window.kadmesh.peerRequest(n, 'ping'))",
                bootstrapId);
        assertEquals("pong", pong.path("type").asText(), pong.toString());
        assertEquals(bootstrapId, pong.path("sender").path("nodeId").asText(), "the node answered over the DataChannel");
        List<String> transports = NodeClient.of(network.bootstrap()).node().connections().stream()
                .filter(link -> link.peer().equals(pageId)).map(link -> link.transport()).sorted().toList();
        assertEquals(List.of("webrtc", "websocket"), transports, "the node lists both of the page's links");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aJoinedPageAsksItsHomeNodesOverDataChannelsByItself() throws Exception {
        Page page = browsers.joinedPage(network.bootstrap());
        String pageId = id(page);
        Map<String, NodeProcess> nodesById = new HashMap<>();
        network.members().forEach(node -> nodesById.put(NodeClient.of(node).node().nodeId(), node));

        page.evaluate("async () => { await window.kadmesh.homeNodeChannels; }");
        JsonNode errors = evaluate(page, "async () => JSON.stringify(window.kadmesh.nodeDataChannelErrors())", null);
        List<String> channels = connections(page).stream()
                .filter(link -> link.path("transport").asText().equals("webrtc"))
                .map(link -> link.path("peer").asText()).filter(nodesById::containsKey).toList();

        assertEquals(0, errors.size(), "every node here takes DataChannels: " + errors);
        assertEquals(3, channels.size(), "a DataChannel to each of the page's 3 home nodes: " + channels);
        NodeProcess home = nodesById.get(channels.get(0));
        long before = channelBytesIn(home, pageId);
        page.evaluate("async () => { await window.kadmesh.findNode(window.kadmesh.id); }");
        long after = channelBytesIn(home, pageId);
        assertTrue(after > before, "the page's lookup of its own id reached its home node over the DataChannel: "
                + before + " bytes in, then " + after);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aPageLinkedToNodesOnlyByDataChannelsIsSignaledOverThem() throws Exception {
        Page pat = browsers.joinedPage(network.bootstrap());
        String patId = id(pat);
        pat.evaluate("async () => { await window.kadmesh.homeNodeChannels; }");
        pat.evaluate("() => { for (const link of [...window.kadmesh.openLinks.values()]) link.close(); }");
        List<JsonNode> left = connections(pat);
        assertTrue(left.stream().noneMatch(link -> link.path("transport").asText().equals("websocket"))
                && !left.isEmpty(), "pat keeps only its DataChannels to its home nodes: " + left);

        Page quin = browsers.joinedPage(network.bootstrap());
        JsonNode opened = evaluate(quin, "async p => JSON.stringify(await window.kadmesh.connectPeer(p))", patId);

        assertEquals("webrtc", opened.path("transport").asText(), "quin's signals reached pat over a node's"
                + " DataChannel to pat: " + opened);
        assertEquals("pong", evaluate(quin, "async p => JSON.stringify(await window.kadmesh.peerRequest(p, 'ping'))",
                patId).path("type").asText());
    }

    /** The bytes {@code node} has read from {@code pageId} over their DataChannel. */
    private static long channelBytesIn(NodeProcess node, String pageId) {
        return NodeClient.of(node).node().connections().stream()
                .filter(link -> link.peer().equals(pageId) && link.transport().equals("webrtc"))
                .mapToLong(link -> link.bytesIn()).sum();
    }
}
