package io.kadmesh.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;

import io.kadmesh.it.harness.Chromium;
import io.kadmesh.localnet.NodeProcess;

/**
 * Pages of headless Chromium that follow a channel for the pubsub benchmark: each loads the demo page
 * of a node (so that node is its home), joins, and subscribes with {@code client.subscribe(name,
 * onMessage)}; every message's data is noted once with when it arrived, in milliseconds since the
 * epoch ({@code performance.timeOrigin + performance.now()}), and repeats are counted. Driven from one
 * thread, as Playwright asks.
 */
final class PageFollowers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBSCRIBE = "async name => { const seen = new Map(); window.benchSeen = seen;"
            + " window.benchDuplicates = 0; const subscribed = await window.kadmesh.subscribe(name, m => {"
            + " const at = performance.timeOrigin + performance.now();"
            + " if (seen.has(m.data)) { window.benchDuplicates++; } else { seen.set(m.data, at); } });"
            + " return subscribed.roots; }";
    private static final String WARMUPS = "p => [...window.benchSeen.keys()].filter(k => k.startsWith(p)).length";
    private static final String COLLECT = "() => JSON.stringify({ seen: Object.fromEntries(window.benchSeen),"
            + " duplicates: window.benchDuplicates })";

    /** One page: the node it loaded from, and how many roots its subscription reached. */
    record Follower(Page page, NodeProcess home, int roots) {
    }

    /** What one page got: each benchmark message's arrival (epoch ms) by number, and the repeats. */
    record Arrivals(Map<Integer, Double> byNumber, int duplicates) {
    }

    private final List<Follower> followers = new ArrayList<>();

    /**
     * Opens {@code pages} pages, spread round-robin over {@code nodes}, each joined and subscribed to
     * {@code channel}.
     */
    static PageFollowers open(Chromium chromium, List<NodeProcess> nodes, int pages, String channel) {
        PageFollowers opened = new PageFollowers();
        for (int i = 0; i < pages; i++) {
            NodeProcess home = nodes.get(i % nodes.size());
            Page page = chromium.newPage();
            page.navigate(home.restUrl() + "/");
            page.waitForSelector("body[data-state=joined]", new Page.WaitForSelectorOptions().setTimeout(30_000));
            int roots = ((Number) page.evaluate(SUBSCRIBE, channel)).intValue();
            opened.followers.add(new Follower(page, home, roots));
        }
        return opened;
    }

    List<Follower> followers() {
        return followers;
    }

    /** Whether every page has at least {@code count} messages whose data starts with {@code prefix}. */
    boolean allHave(String prefix, int count) {
        return followers.stream().allMatch(f -> ((Number) f.page().evaluate(WARMUPS, prefix)).intValue() >= count);
    }

    /** What each page got of the messages whose data is {@code prefix<n>}, in page order. */
    List<Arrivals> collect(String prefix) {
        List<Arrivals> all = new ArrayList<>();
        for (Follower follower : followers) {
            try {
                JsonNode got = JSON.readTree((String) follower.page().evaluate(COLLECT));
                Map<Integer, Double> byNumber = new HashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = got.path("seen").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    if (entry.getKey().startsWith(prefix)) {
                        byNumber.put(Integer.parseInt(entry.getKey().substring(prefix.length())),
                                entry.getValue().asDouble());
                    }
                }
                all.add(new Arrivals(byNumber, got.path("duplicates").asInt()));
            } catch (Exception e) {
                throw new IllegalStateException("could not read what the page on " + follower.home().name()
                        + " got: " + e, e);
            }
        }
        return all;
    }
}
