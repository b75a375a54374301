package io.kadmesh.it.harness;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;

import io.kadmesh.localnet.LocalNetwork;
import io.kadmesh.localnet.NodeProcess;

/**
 * A local network of node processes and a headless Chromium beside it, for the browser tests: pages
 * that load a node's demo page and join the DHT through it, and what their scripts answer, as JSON.
 * Must run in the private network namespace ({@link Chromium#launch()} checks).
 */
public final class BrowserNetwork implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalNetwork network;
    private final Chromium chromium;

    private BrowserNetwork(LocalNetwork network, Chromium chromium) {
        this.network = network;
        this.chromium = chromium;
    }

    /** A bootstrap and {@code nodes} nodes of {@code appDir}, ready, in {@code runDir}, and Chromium. */
    public static BrowserNetwork start(Path appDir, Path runDir, int nodes) {
        LocalNetwork network = LocalNetwork.start(appDir, runDir, nodes);
        try {
            network.awaitReady(Duration.ofSeconds(90));
            return new BrowserNetwork(network, Chromium.launch());
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /** As above, of the packaged application, in a fresh run directory named for {@code kind}. */
    public static BrowserNetwork start(String kind, int nodes) {
        return start(PackagedApp.dir(), PackagedApp.runDir(kind), nodes);
    }

    /** The node processes. */
    public LocalNetwork network() {
        return network;
    }

    /** A page of its own that has loaded {@code node}'s demo page and joined; fails with what it says otherwise. */
    public Page joinedPage(NodeProcess node) {
        Page page = chromium.newPage();
        page.navigate(node.restUrl() + "/");
        try {
            page.waitForSelector("body[data-state=joined]", new Page.WaitForSelectorOptions().setTimeout(20_000));
        } catch (PlaywrightException e) {
            fail("the page did not join: " + page.textContent("#state"), e);
        }
        return page;
    }

    /** The page's node id. */
    public static String id(Page page) {
        return (String) page.evaluate("() => window.kadmesh.id");
    }

    /** What {@code script}, which must answer {@code JSON.stringify} of something, answers for {@code argument}. */
    public static JsonNode evaluate(Page page, String script, Object argument) {
        try {
            return JSON.readTree((String) page.evaluate(script, argument));
        } catch (JsonProcessingException e) {
            throw new AssertionError("the page answered no JSON: " + e.getMessage(), e);
        }
    }

    /** The page's links, as {@code connections()} in the page lists them: {@code [{peer, url, transport}]}. */
    public static List<JsonNode> connections(Page page) {
        JsonNode links = evaluate(page, "async () => JSON.stringify(await window.kadmesh.connections())", null);
        List<JsonNode> result = new ArrayList<>();
        links.forEach(result::add);
        return result;
    }

    @Override
    public void close() {
        try {
            chromium.close();
        } finally {
            network.close();
        }
    }
}
