package io.kadmesh.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.protocol.Ping;
import io.kadmesh.localnet.Deadline;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Twenty attackers with keys of their own complete the handshake over a raw WebSocket and ping the
 * node every 200 ms, so that their links are never idle. The node, which already holds links to a
 * few honest peers in its routing table, must come back within {@code kadmesh.connections.max} (8)
 * and stay there while the attack goes on, closing attackers' links and never the honest ones.
 */
@QuarkusTest
@TestProfile(LinkRangeProfile.class)
@Timeout(90)
class LinkRangeUnderAttackTest {

    private static final int MAX_LINKS = 8;
    private static final int HONEST = 3;
    private static final int ATTACKERS = 20;
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final Duration HELD_FOR = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofMillis(20);

    @Inject
    NodeLifecycle node;

    @TestHTTPResource("/dht")
    java.net.URL dht;

    private final EventLoopScheduler scheduler = new EventLoopScheduler("link-range-test");
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor();
    private final List<WirePeer> peers = new ArrayList<>();

    @BeforeEach
    void start() {
        node.start();
    }

    @AfterEach
    void close() {
        pinger.shutdownNow();
        peers.forEach(peer -> peer.link.close(1000, "test over"));
        scheduler.close();
    }

    @Test
    void busyLinksBeyondTheMaximumAreClosedAndTheHonestLinksStay() throws Exception {
        String url = WirePeer.dialUrl(dht);
        List<WirePeer> honest = new ArrayList<>();
        for (int i = 0; i < HONEST; i++) {
            WirePeer peer = new WirePeer(url, scheduler);
            peer.mustBeAnswered();
            honest.add(peer);
        }
        peers.addAll(honest);
        await("the honest peers in the routing table", () -> honest.stream().allMatch(this::routed));

        List<WirePeer> attackers = new ArrayList<>();
        for (int i = 0; i < ATTACKERS; i++) {
            WirePeer attacker = new WirePeer(url, scheduler);
            attacker.deaf = true;
            attackers.add(attacker);
        }
        peers.addAll(attackers);
        pinger.scheduleAtFixedRate(() -> attackers.forEach(LinkRangeUnderAttackTest::ping), 0, 200,
                TimeUnit.MILLISECONDS);
        await("more links than the maximum", () -> linkCount() > MAX_LINKS);

        await("at most " + MAX_LINKS + " links", () -> linkCount() <= MAX_LINKS);
        Deadline held = Deadline.after(HELD_FOR);
        while (!held.expired()) {
            assertTrue(linkCount() <= MAX_LINKS, "back above the maximum while the attack goes on: " + linkCount());
            held.pause(POLL);
        }
        for (WirePeer peer : honest) {
            assertFalse(peer.closeCode.isDone(), "an honest routing link was closed: " + peer.closeCode.getNow(0));
            peer.mustBeAnswered();
        }
    }

    private int linkCount() {
        return node.running().dht().links().join().size();
    }

    private boolean routed(WirePeer peer) {
        List<Contact> known = node.running().dht().knownContacts().join();
        return known.stream().anyMatch(contact -> contact.id().equals(peer.identity.id()));
    }

    private static void ping(WirePeer attacker) {
        if (attacker.link.isOpen()) {
            attacker.link.send(WirePeer.CODEC.encode(new Ping(attacker.nextId(), attacker.self)));
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        assertTrue(Deadline.after(DEADLINE).await(condition, POLL), "not within " + DEADLINE + ": " + what);
    }
}
