package io.kadmesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import io.kadmesh.dht.Contact;
import io.kadmesh.plugin.websocket.WebSocketTransport;
import io.kadmesh.transport.Eventually;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A browser, over a real WebSocket after the real handshake, joins a node as a peer at its
 * {@code browser:} address: the node keeps it in its routing table, marked by that address, answers
 * it, never names it to anyone in a {@code nodes} reply (nobody can dial a browser), and drops it as
 * soon as its link closes, however orderly. A browser's link is its own: the node neither counts it
 * among its links to nodes nor trims it to its maximum.
 */
@QuarkusTest
@TestProfile(BrowserContactTest.OwnApp.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BrowserContactTest {

    /** An application of its own, so that the contacts added here meet no other test. */
    public static class OwnApp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kadmesh.profile", "browser-contact-test");
        }
    }

    @Inject
    WebSocketTransport websocket;

    @Inject
    NodeLifecycle node;

    @TestHTTPResource("/")
    java.net.URL root;

    private final EventLoopScheduler scheduler = new EventLoopScheduler("browser-contact-test");

    @AfterEach
    void close() {
        scheduler.close();
    }

    @Test
    void mustKeepABrowserMarkedAnswerItNeverPassItOnAndDropItWithItsLink() throws Exception {
        node.start();
        AuthenticatedPeer browser = new AuthenticatedPeer(websocket, scheduler, root.getPort(), true);
        AuthenticatedPeer peer = new AuthenticatedPeer(websocket, scheduler, root.getPort());
        try {
            assertEquals("pong", browser.outcomeOf(browser.frame("ping", "b1", "")));
            assertEquals("pong", peer.outcomeOf(peer.frame("ping", "p1", "")));
            Eventually.await("the browser in the routing table", Duration.ofSeconds(5), () -> held(browser) != null);
            Contact held = held(browser);
            assertTrue(held.isBrowser(), held.toString());

            JsonNode reply = peer.exchange(peer.frame("find_node", "f1", ",\"target\":\"" + browser.self.id() + "\""));

            assertEquals("nodes", reply.path("type").asText(), reply.toString());
            assertTrue(reply.path("nodes").size() > 0, "the node names the peer it knows: " + reply);
            reply.path("nodes").forEach(entry -> assertFalse(entry.path("address").asText().startsWith("browser:"),
                    "a nodes reply named a browser: " + reply));
            assertEquals("nodes", browser.exchange(browser.frame("find_node", "f2", ",\"target\":\"" + peer.self.id()
                    + "\"")).path("type").asText(), "the node answers the browser's lookups");
        } finally {
            browser.close();
        }
        Eventually.await("the browser gone from the routing table after an orderly close", Duration.ofSeconds(5),
                () -> held(browser) == null);
        assertTrue(known().stream().anyMatch(contact -> contact.id().equals(peer.self.id())),
                "a node stays after the browser leaves");
        peer.close();
    }

    @Test
    void mustNeitherCountNorTrimBrowsersLinksAsTheNodesOwn() throws Exception {
        node.start();
        List<AuthenticatedPeer> browsers = new ArrayList<>();
        List<AuthenticatedPeer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                browsers.add(new AuthenticatedPeer(websocket, scheduler, root.getPort(), true));
                nodes.add(new AuthenticatedPeer(websocket, scheduler, root.getPort()));
            }
            for (AuthenticatedPeer peer : concat(browsers, nodes)) {
                assertEquals("pong", peer.outcomeOf(peer.frame("ping", "hello", "")));
            }

            int counted = node.running().dht().linkBalancer().balance(1, 2, Duration.ZERO).orTimeout(5, TimeUnit.SECONDS)
                    .join();

            assertEquals(nodes.size(), counted, "the node counts its links to nodes only");
            Eventually.await("node links trimmed to 2", Duration.ofSeconds(5),
                    () -> nodes.stream().filter(peer -> peer.closeCode.isDone()).count() >= nodes.size() - 2);
            for (AuthenticatedPeer browser : browsers) {
                assertFalse(browser.closeCode.isDone(), "a browser's link was trimmed");
                assertEquals("pong", browser.outcomeOf(browser.frame("ping", "after", "")));
            }
        } finally {
            concat(browsers, nodes).forEach(AuthenticatedPeer::close);
        }
    }

    private static List<AuthenticatedPeer> concat(List<AuthenticatedPeer> a, List<AuthenticatedPeer> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private Contact held(AuthenticatedPeer browser) {
        return known().stream().filter(contact -> contact.id().equals(browser.self.id())).findFirst().orElse(null);
    }

    private List<Contact> known() {
        return node.running().dht().knownContacts().orTimeout(5, TimeUnit.SECONDS).join();
    }
}
