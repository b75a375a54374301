package io.kadmesh.it;

import static io.kadmesh.it.harness.BrowserNetwork.evaluate;
import static io.kadmesh.it.harness.BrowserNetwork.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;

import io.kadmesh.it.harness.BrowserNetwork;
import io.kadmesh.it.harness.EventStream;
import io.kadmesh.it.harness.NodeClient;
import io.kadmesh.localnet.LocalNetwork;

/**
 * Pubsub channels from the browser client, with real headless Chromium against a bootstrap and 15 node
 * processes, the network of the issue: a page creates a channel that nodes then find as the page's; two pages subscribe through
 * their home nodes, get a message a node publishes over REST, and a message one of them publishes
 * reaches a server-sent-events client of another node and the other page, once each. Bad names and
 * oversized data are refused in the page with errors that say why; a delivery repeated is handed on
 * once, and an altered one, or one from another node than the subscription's, is refused. A page whose links to the node it
 * subscribed through all close subscribes again through another node, from the last message it got,
 * and gets every message published meanwhile once. Runs in a private network namespace
 * ({@code integration-tests/netns/bin/java}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PubsubBrowserIT {

    /** Node processes beside the bootstrap: the 15-node network pubsub is asked to work in. */
    private static final int NODES = 15;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Each of the 5 nodes is among the 3 nearest a channel's key that any lookup finds: all 3 roots take it. */
    private static final int ROOTS = 3;
    private static final Duration DELIVERY = Duration.ofSeconds(20);

    /**
     * Hands the page's client, as if from the node its subscription goes through, a message the page
     * signs: twice, then altered (a `seq` its signature does not cover); then once more as if from
     * another node. What the client answered, how many it refused, and how often the subscriber got it.
     */
    private static final String INJECT_SCRIPT = """
            async n => {
              const { signMessage } = await import('/client/pubsub.js');
              const client = window.kadmesh;
              const sub = client.pubsub.subscriptions.get(n);
              const refusedBefore = client.pubsub.refused;
              const deliver = (message, from) => client.answer({ type: 'service', service: 'pubsub', requestId: 'it',
                sender: { nodeId: from, address: 'ws://192.0.2.1:1/dht' }, body: JSON.stringify({ op: 'deliver', message }) });
              const message = await signMessage(client.identity, n, Date.now() * 1000 + 5e6, Date.now(), 'injected');
              const node = sub.link.peer.nodeId;
              const replies = [deliver(message, node), deliver(message, node), deliver({ ...message, seq: message.seq + 1 }, node),
                deliver(message, node === '0'.repeat(40) ? '1'.repeat(40) : '0'.repeat(40))];
              await sub.queue;
              return JSON.stringify({ replies, refused: client.pubsub.refused - refusedBefore,
                got: window.received[n].filter((m) => m.data === 'injected').length });
            }""";

    private BrowserNetwork browsers;
    private LocalNetwork network;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void start() {
        browsers = BrowserNetwork.start("it-pubsub", NODES);
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
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void pagesCreateSubscribeAndPublishWithNodesAndEachOther() throws Exception {
        String name = "news.browser-it";
        Page alice = browsers.joinedPage(network.node(0));
        Page bob = browsers.joinedPage(network.node(1));
        String aliceId = id(alice);

        assertTrue(rejection(alice, "n => window.kadmesh.createChannel(n)", "Not A Name")
                .contains("a channel name is 1 to 64 characters of a-z, 0-9"), "a bad name is refused in the page");
        assertTrue(rejection(alice, "n => window.kadmesh.subscribe(n, () => {})", "-dash-first")
                .contains("starting with a letter or a digit"), "subscribe checks the name");
        assertTrue(rejection(alice, "n => window.kadmesh.publish(n, 'x')", "x".repeat(65))
                .contains("a channel name is 1 to 64 characters"), "publish checks the name");

        JsonNode created = evaluate(alice, "async n => JSON.stringify(await window.kadmesh.createChannel(n))", name);
        assertTrue(created.path("created").asBoolean(), "the page created the channel: " + created);
        assertEquals(aliceId, created.path("creator").asText(), created.toString());
        JsonNode overRest = NodeClient.of(network.node(2)).createChannel(name);
        assertEquals(200, overRest.path("status").asInt(), "a node finds the page's channel: " + overRest);
        assertEquals(aliceId, overRest.path("creator").asText(), "the node names the page as creator");
        assertEquals(Instant.parse(created.path("createdAt").asText()),
                Instant.parse(overRest.path("createdAt").asText()), "and the page's createdAt");
        JsonNode again = evaluate(bob, "async n => JSON.stringify(await window.kadmesh.createChannel(n))", name);
        assertFalse(again.path("created").asBoolean(), "another page finds the channel: " + again);
        assertEquals(aliceId, again.path("creator").asText(), again.toString());

        assertEquals(ROOTS, subscribe(alice, name), "alice's subscription holds at every root");
        assertEquals(ROOTS, subscribe(bob, name), "bob's subscription holds at every root");
        try (EventStream events = NodeClient.of(network.node(3)).follow(name, null)) {
            List<EventStream.Event> seen = new ArrayList<>();
            awaitEvent(events, seen, event -> event.name().equals("subscribed"), "the SSE client is subscribed");

            NodeClient publisher = NodeClient.of(network.node(2));
            String fromRest = publisher.publish(name, "from rest");
            String nodeId = publisher.node().nodeId();
            for (Page page : List.of(alice, bob)) {
                JsonNode message = awaitReceived(page, name, fromRest);
                assertEquals(nodeId, message.path("publisher").asText(), message.toString());
                assertEquals("from rest", message.path("data").asText(), message.toString());
            }

            assertTrue(rejection(alice, "n => window.kadmesh.publish(n, 'x'.repeat(16385))", name)
                    .contains("16385 bytes of UTF-8, the limit is 16384"), "oversized data is refused in the page");
            assertTrue(rejection(alice, "n => window.kadmesh.publish(n, 'é'.repeat(8193))", name)
                    .contains("16386 bytes of UTF-8"), "the limit counts UTF-8 bytes, not characters");

            String fromPage = publish(alice, name, "from the page ✓");
            EventStream.Event event = awaitEvent(events, seen, e -> fromPage.equals(e.id()),
                    "the SSE client gets the page's message");
            JsonNode data = JSON.readTree(event.data());
            assertEquals(aliceId, data.path("publisher").asText(), event.toString());
            assertEquals("from the page ✓", data.path("data").asText(), event.toString());
            assertEquals(fromPage, data.path("id").asText(), event.toString());
            JsonNode atBob = awaitReceived(bob, name, fromPage);
            assertEquals(aliceId, atBob.path("publisher").asText(), atBob.toString());
            assertEquals("from the page ✓", atBob.path("data").asText(), atBob.toString());

            // A later message of the same publisher is delivered after the first: once it is in, any
            // repeat of the first would have been too.
            String later = publish(alice, name, "later");
            awaitReceived(bob, name, later);
            awaitReceived(alice, name, later);
            awaitEvent(events, seen, e -> later.equals(e.id()), "the SSE client gets the later message");
            for (EventStream.Event more = events.next(Duration.ZERO); more != null; more = events.next(Duration.ZERO)) {
                seen.add(more);
            }
            for (Page page : List.of(alice, bob)) {
                assertEquals(List.of(fromRest, fromPage, later), receivedIds(page, name),
                        "each page got each message once, in order");
            }
            assertEquals(List.of(fromRest, fromPage, later), seen.stream().filter(e -> e.name().equals("message"))
                    .map(EventStream.Event::id).toList(), "the SSE client got each message once: " + seen);
        }

        JsonNode injected = evaluate(alice, INJECT_SCRIPT, name);
        List<String> replies = new ArrayList<>();
        injected.path("replies").forEach(reply -> replies.add(reply.path("type").asText() + " "
                + reply.path("code").asText("")));
        assertEquals(List.of("service_reply ", "service_reply ", "service_reply ", "error refused"), replies,
                "the page answers deliveries from its node, and refuses one from another: " + injected);
        assertEquals(1, injected.path("got").asInt(), "a message delivered twice is handed on once: " + injected);
        assertEquals(2, injected.path("refused").asInt(), "the altered message and the one from another node are"
                + " refused: " + injected);

        assertEquals("[]", evaluate(alice, "async n => { await window.kadmesh.unsubscribe(n);"
                + " return JSON.stringify([...window.kadmesh.pubsub.subscriptions.keys()]); }", name).toString());
        String afterwards = NodeClient.of(network.node(2)).publish(name, "after alice left");
        awaitReceived(bob, name, afterwards);
        assertFalse(receivedIds(alice, name).contains(afterwards), "alice unsubscribed");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aPageWhoseSubscriptionNodeGoesAwaySubscribesThroughAnotherAndMissesNothing() throws Exception {
        String name = "moves.browser-it";
        NodeClient publisher = NodeClient.of(network.node(3));
        assertEquals(201, NodeClient.of(network.node(1)).createChannel(name).path("status").asInt());
        Page carol = browsers.joinedPage(network.node(2));
        assertEquals(ROOTS, subscribe(carol, name), "carol subscribes to a channel a node created");
        String first = publisher.publish(name, "first");
        awaitReceived(carol, name, first);

        String through = (String) carol.evaluate("n => { const link = window.kadmesh.pubsub.subscriptions.get(n).link;"
                + " const node = link.peer.nodeId;"
                + " for (const l of [...window.kadmesh.openLinks.values(), ...window.kadmesh.peers.links.values()])"
                + " if (l.peer?.nodeId === node) l.close(1000, 'test: away'); return node; }", name);
        List<String> meanwhile = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            meanwhile.add(publisher.publish(name, "meanwhile " + i));
        }
        for (String id : meanwhile) {
            awaitReceived(carol, name, id);
        }
        String last = publisher.publish(name, "last");
        awaitReceived(carol, name, last);

        List<String> expected = new ArrayList<>(List.of(first));
        expected.addAll(meanwhile);
        expected.add(last);
        // Each once; not necessarily in order: the new node hands on what it gets live while it fetches
        // what came after the page's last message, and that replay comes after (Pubsub.subscribe).
        List<String> got = receivedIds(carol, name);
        System.out.println("carol got, in this order: " + got + "; published: " + expected);
        assertEquals(expected.stream().sorted().toList(), got.stream().sorted().toList(),
                "every message once across the move: " + got);
        JsonNode sub = evaluate(carol, "n => { const s = window.kadmesh.pubsub.subscriptions.get(n);"
                + " return JSON.stringify({node: s.link?.peer.nodeId, open: s.link?.isOpen, roots: s.roots,"
                + " resubscribed: s.resubscribed}); }", name);
        System.out.println("carol subscribed through " + through + ", then " + sub);
        assertNotEquals(through, sub.path("node").asText(), "the subscription moved to another node: " + sub);
        assertTrue(sub.path("open").asBoolean(), sub.toString());
        assertEquals(1, sub.path("resubscribed").asInt(), sub.toString());
        assertEquals(ROOTS, sub.path("roots").asInt(), "the new node confirmed it at every root: " + sub);
    }

    /**
     * The first event of {@code events} that {@code wanted} takes, within {@link #DELIVERY}; every event
     * read on the way, that one included, is added to {@code seen}. Fails with what was seen otherwise.
     */
    private static EventStream.Event awaitEvent(EventStream events, List<EventStream.Event> seen,
            Predicate<EventStream.Event> wanted, String what) {
        long deadline = System.nanoTime() + DELIVERY.toNanos();
        for (long left = DELIVERY.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            EventStream.Event event = events.next(Duration.ofNanos(left));
            if (event == null) {
                break;
            }
            seen.add(event);
            if (wanted.test(event)) {
                return event;
            }
        }
        return fail(what + " within " + DELIVERY.toSeconds() + " s; the events: " + seen);
    }

    /** Subscribes {@code page} to {@code name}, collecting what it gets; the roots the node confirmed. */
    private static int subscribe(Page page, String name) {
        JsonNode subscribed = evaluate(page, "async n => { window.received ??= {}; window.received[n] = [];"
                + " return JSON.stringify(await window.kadmesh.subscribe(n, m => window.received[n].push(m))); }",
                name);
        return subscribed.path("roots").asInt(-1);
    }

    /** Publishes {@code data} on {@code name} from {@code page}; the message's id. */
    private static String publish(Page page, String name, String data) {
        String id = (String) page.evaluate("([n, d]) => window.kadmesh.publish(n, d)", List.of(name, data));
        assertTrue(id.matches("[0-9a-f]{40}"), "a message id: " + id);
        return id;
    }

    /** The message {@code id} once {@code page} got it on {@code name}; fails with what it got otherwise. */
    private static JsonNode awaitReceived(Page page, String name, String id) {
        try {
            page.waitForFunction("([n, id]) => (window.received[n] ?? []).some(m => m.id === id)", List.of(name, id),
                    new Page.WaitForFunctionOptions().setTimeout(DELIVERY.toMillis()));
        } catch (PlaywrightException e) {
            fail("the page did not get message " + id + " on '" + name + "' within " + DELIVERY.toSeconds()
                    + " s; it got " + received(page, name), e);
        }
        for (JsonNode message : received(page, name)) {
            if (message.path("id").asText().equals(id)) {
                return message;
            }
        }
        throw new AssertionError("unreachable");
    }

    private static JsonNode received(Page page, String name) {
        return evaluate(page, "n => JSON.stringify(window.received[n] ?? [])", name);
    }

    private static List<String> receivedIds(Page page, String name) {
        List<String> ids = new ArrayList<>();
        received(page, name).forEach(message -> ids.add(message.path("id").asText()));
        return ids;
    }

    /** The message {@code script} (a function of {@code argument}) rejects with; fails when it resolves. */
    private static String rejection(Page page, String script, String argument) {
        JsonNode outcome = evaluate(page, "async a => { try { const r = await (" + script + ")(a);"
                + " return JSON.stringify({resolved: r ?? null}); }"
                + " catch (e) { return JSON.stringify({rejected: e.message}); } }", argument);
        if (!outcome.has("rejected")) {
            fail("expected a rejection, got " + outcome);
        }
        String message = outcome.path("rejected").asText();
        System.out.println("the page refused: " + message);
        return message;
    }
}
