package io.kadmesh.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Page;

import io.kadmesh.it.harness.Chromium;
import io.kadmesh.localnet.LocalNetwork;

/**
 * The browser benchmark ({@code bench/browser.sh}): a bootstrap and 3 node processes of the packaged
 * jar, and pages of real headless Chromium that load the bootstrap's demo page. Prints one JSON line:
 * how long after it starts loading a page has joined (and so can look up); how long a DataChannel
 * between two pages takes from the start of signaling to both ids proven over it; how long the relay
 * takes to carry the traffic once the direct path has failed (ICE made unable to gather candidates),
 * with the ICE timeout it waited first; and DHT requests answered a second, pipelined, {@code window} in
 * flight, browser↔browser over a DataChannel, over the relay, browser→node over WebSocket and over a
 * DataChannel to the node's WebRTC transport (webrtc-java, switched on for this), with the
 * messages a second that makes on the channel (a request and its reply are two messages). Must run in
 * the private network namespace of {@code integration-tests/netns/bin/java}, as the script does.
 *
 * @param pairs page pairs measured for the join and DataChannel figures
 * @param seconds length of each throughput window
 * @param window requests in flight at once in the throughput windows
 * @param appDir the packaged application
 * @param workDir holds the nodes' directories
 */
public record BrowserBenchmark(int pairs, int seconds, int window, Path appDir, Path workDir) {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int ICE_TIMEOUT_MS = 2000;
    /**
     * Pipelined pings from the page over one link for {@code seconds}, or until the link closes:
     * answered a second, failures, and why the link closed (empty while it is open).
     */
    private static final String THROUGHPUT = "async ([seconds, inFlight]) => { let answered = 0, failed = 0;"
            + " const link = LINK; const end = performance.now() + seconds * 1000;"
            + " const worker = async () => { while (performance.now() < end && link.isOpen) {"
            + " try { await link.request('ping'); answered++; } catch { failed++; } } };"
            + " await Promise.all(Array.from({ length: inFlight }, worker));"
            + " return [answered / seconds, failed, link.isOpen ? '' : String(link.closedWith)]; }";

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int window = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        Path appDir = Path.of(System.getProperty("kadmesh.app.dir", "target/quarkus-app"));
        Path workDir = Files.createTempDirectory("kadmesh-browser-bench");
        System.out.println(new BrowserBenchmark(pairs, seconds, window, appDir, workDir).run());
    }

    ObjectNode run() throws Exception {
        try (LocalNetwork network = LocalNetwork.start(appDir, workDir, 3); Chromium chromium = Chromium.launch()) {
            network.awaitReady(Duration.ofSeconds(90));
            String url = network.bootstrap().restUrl() + "/";
            List<Double> joins = new ArrayList<>();
            List<Double> opens = new ArrayList<>();
            Page[] last = null;
            for (int i = 0; i < pairs; i++) {
                Page a = joined(chromium, url, joins);
                Page b = joined(chromium, url, joins);
                opens.add(number(a.evaluate("async b => (await window.kadmesh.connectPeer(b)).openMs", id(b))));
                last = new Page[] { a, b };
            }
            ObjectNode result = JSON.objectNode().put("benchmark", "browser").put("pairs", pairs)
                    .put("seconds", seconds).put("window", window);
            result.put("joinMedianMs", Sample.of(joins).median()).put("joinMaxMs", Sample.of(joins).max());
            result.put("dataChannelOpenMedianMs", Sample.of(opens).median())
                    .put("dataChannelOpenMaxMs", Sample.of(opens).max());
            throughput(result, "dataChannel", last[0], "() => window.kadmesh.peers.links.get(window.peer)", id(last[1]));
            throughput(result, "webSocketToNode", last[0], "() => [...window.kadmesh.openLinks.values()][0]", null);
            String bootstrapId = (String) last[0].evaluate("() => [...window.kadmesh.openLinks.values()][0].peer.nodeId");
            result.put("dataChannelToNodeOpenMs",
                    number(last[0].evaluate("async n => (await window.kadmesh.connectNode(n)).openMs", bootstrapId)));
            throughput(result, "dataChannelToNode", last[0], "() => window.kadmesh.peers.links.get(window.peer)",
                    bootstrapId);
            relay(chromium, url, result);
            return result;
        }
    }

    private void relay(Chromium chromium, String url, ObjectNode result) {
        List<Double> takeovers = new ArrayList<>();
        Page a = null;
        Page b = null;
        for (int i = 0; i < Math.max(1, pairs / 2); i++) {
            a = joined(chromium, url, new ArrayList<>());
            b = joined(chromium, url, new ArrayList<>());
            for (Page page : List.of(a, b)) {
                page.evaluate("t => { const p = window.kadmesh.peers; p.iceTransportPolicy = 'relay'; p.iceTimeoutMs = t;"
                        + " p.directRetryMs = 3600000; }", ICE_TIMEOUT_MS);
            }
            takeovers.add(number(a.evaluate("async b => (await window.kadmesh.connectPeer(b)).openMs", id(b))));
        }
        result.put("iceTimeoutMs", ICE_TIMEOUT_MS).put("relayTakeoverMedianMs", Sample.of(takeovers).median());
        throughput(result, "relay", a, "() => window.kadmesh.peers.links.get(window.peer)", id(b));
    }

    private void throughput(ObjectNode result, String path, Page page, String link, String peer) {
        page.evaluate("p => { window.peer = p; }", peer);
        List<?> figures = (List<?>) page.evaluate(THROUGHPUT.replace("LINK", "(" + link + ")()"),
                List.of(seconds, window));
        long requests = Math.round(number(figures.get(0)));
        result.put(path + "RequestsPerSecond", requests).put(path + "MessagesPerSecond", 2 * requests)
                .put(path + "Failed", Math.round(number(figures.get(1))));
        if (!figures.get(2).toString().isEmpty()) {
            result.put(path + "ClosedBy", figures.get(2).toString());
        }
    }

    private static Page joined(Chromium chromium, String url, List<Double> joins) {
        Page page = chromium.newPage();
        page.navigate(url);
        page.waitForSelector("body[data-state=joined]", new Page.WaitForSelectorOptions().setTimeout(20_000));
        joins.add(number(page.evaluate("() => Number(document.body.dataset.joinedAtMs)")));
        return page;
    }

    private static String id(Page page) {
        return (String) page.evaluate("() => window.kadmesh.id");
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }
}
