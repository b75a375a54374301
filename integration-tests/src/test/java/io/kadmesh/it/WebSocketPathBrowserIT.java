package io.kadmesh.it;

import static io.kadmesh.it.harness.BrowserNetwork.evaluate;
import static io.kadmesh.it.harness.BrowserNetwork.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

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
import io.kadmesh.it.harness.NodeStatus;
import io.kadmesh.it.harness.TrueClosest;
import io.kadmesh.localnet.LocalNetwork;
import io.kadmesh.localnet.NodeProcess;

/**
 * The browser→node path: a page of real headless Chromium loads the demo page a node serves, joins
 * the DHT over WebSocket with an Ed25519 identity of its own, and takes part against a network of 5
 * node processes (a bootstrap and 4 nodes): an exact lookup, a value it publishes read back through
 * another node's REST API, a value published over REST read back in the page. The node it joined
 * through holds it as a browser contact and lists its link. Runs in a private network namespace
 * ({@code integration-tests/netns/bin/java}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSocketPathBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int K = 20;

    private BrowserNetwork browsers;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void start() {
        browsers = BrowserNetwork.start("it-browser", 4);
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
    void aPageJoinsOverWebSocketLooksUpStoresAndReads() throws Exception {
        LocalNetwork network = browsers.network();
        NodeProcess entry = network.node(0);
        NodeProcess other = network.node(3);
        Page page = browsers.joinedPage(entry);
        System.out.println("page joined " + page.evaluate("() => document.body.dataset.joinedAtMs")
                + " ms after it started loading");
        String pageId = id(page);
        List<String> nodeIds = network.members().stream().map(node -> NodeClient.of(node).node().nodeId()).toList();

        String target = HexFormat.of().formatHex(new Random(20_261_130L).ints(20, 0, 256)
                .collect(() -> new java.io.ByteArrayOutputStream(), (out, b) -> out.write(b), (a, b) -> {
                }).toByteArray());
        JsonNode found = evaluate(page, "async t => JSON.stringify(await window.kadmesh.findNode(t))", target);
        List<String> closest = found.path("closest").findValuesAsText("nodeId");
        assertEquals(TrueClosest.of(nodeIds, target, K), closest, "the page's lookup: " + found);

        NodeStatus status = NodeClient.of(entry).node();
        assertTrue(status.routingTable().contains(pageId), "the entry node holds the page: " + status.routingTable());
        assertTrue(status.connections().stream().anyMatch(link -> link.peer().equals(pageId)
                && link.transport().equals("websocket") && link.direction().equals("inbound")),
                "the entry node lists the page's link: " + status.connections());

        JsonNode put = evaluate(page,
                "async () => JSON.stringify(await window.kadmesh.put('from-the-page', {by: 'browser'}))",
                null);
        assertEquals(nodeIds.size(), put.path("replicas").asInt(), "every node of 5 is among the k closest: " + put);
        assertEquals(JSON.readTree("{\"by\":\"browser\"}"), NodeClient.of(other).getValue("from-the-page").orElse(null),
                "another node reads the page's value over REST");

        NodeClient.of(other).putValue("from-rest", JSON.readTree("{\"by\":\"rest\"}"));
        assertEquals(JSON.readTree("{\"by\":\"rest\"}"),
                evaluate(page, "async () => JSON.stringify(await window.kadmesh.get('from-rest'))", null),
                "the page reads a value published over REST");
        assertEquals("none", page.evaluate("async () => (await window.kadmesh.get('never-stored')) ?? 'none'"));
    }
}
