package io.kadmesh.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kadmesh.dht.NodeId;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.it.harness.AttackerLink;
import io.kadmesh.it.harness.Await;
import io.kadmesh.it.harness.FindNodeReply;
import io.kadmesh.it.harness.NodeClient;
import io.kadmesh.it.harness.PackagedApp;
import io.kadmesh.localnet.LocalNetwork;
import io.kadmesh.localnet.NodeProcess;

/**
 * Routing-table poisoning over the real wire: a bootstrap and three node processes, and an attacker
 * with a real key that completes the handshake with one of them (the victim), gets into its routing
 * table by pinging it, and answers every {@code find_node} with 20 ids closer to the target than
 * anyone, each at a black-holed loopback address (a socket that accepts TCP and never answers the
 * upgrade), one of them again at two more black holes, and an honest node's id at a black hole. The victim's lookups must still
 * return every honest node, cost at most one RPC timeout (2 s) more than before the attack, not
 * wait on the black holes again in the next lookup, and its table must keep the honest node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class PoisoningIT {

    private static final int NODES = 3;
    private static final int BLACK_HOLES = 20;
    private static final long RPC_TIMEOUT_MS = 2_000;
    /** What a lookup may take beyond its unpoisoned time besides the RPC timeout: REST and scheduling. */
    private static final long SLACK_MS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SplittableRandom random = new SplittableRandom(8);
    private final List<ServerSocket> blackHoles = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger poisonedReplies = new AtomicInteger();
    private LocalNetwork network;
    private AttackerLink attacker;
    private Thread attackerLoop;

    @BeforeAll
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void startNetwork() throws IOException {
        for (int i = 0; i < BLACK_HOLES + 1; i++) {
            blackHoles.add(new ServerSocket(0, 64, InetAddress.getLoopbackAddress()));
        }
        network = LocalNetwork.start(PackagedApp.dir(), PackagedApp.runDir("it-poisoning"), NODES);
        network.awaitReady(Duration.ofSeconds(80), System.out::println);
    }

    @AfterAll
    void stopAll() throws IOException {
        stop.set(true);
        if (attacker != null) {
            attacker.abort();
        }
        if (network != null) {
            network.close();
        }
        for (ServerSocket hole : blackHoles) {
            hole.close();
        }
    }

    @Test
    void poisonedRepliesCostAtMostOneRpcTimeoutAndHideNoHonestNode() throws Exception {
        NodeProcess victim = network.node(0);
        NodeProcess honest = network.node(1);
        NodeClient client = NodeClient.of(victim);
        String honestId = NodeClient.of(honest).node().nodeId();
        List<String> honestIds = network.members().stream().map(node -> NodeClient.of(node).node().nodeId()).toList();
        long before = slowest(client, 5);

        NodeIdentity identity = NodeIdentity.generate();
        attacker = AttackerLink.open(HttpClient.newHttpClient(), victim.advertisedUrl(), identity, hole(0),
                Duration.ofSeconds(10));
        attackerLoop = new Thread(() -> answerWithPoison(identity), "attacker");
        attackerLoop.setDaemon(true);
        attackerLoop.start();
        attacker.sendText(frame("ping", "attacker-ping", identity).toString());
        Await.until("the victim should hold the attacker in its routing table", Duration.ofSeconds(10),
                () -> client.node().routingTable().contains(identity.id().toHex()),
                () -> client.node().routingTable().toString());

        NodeId target = NodeId.random(random);
        long poisonedAt = System.nanoTime();
        FindNodeReply poisoned = client.findNode(target.toHex());
        // The black holes are remembered once their requests time out: all were sent within a tenth of
        // the RPC timeout of the lookup's start, so they have by one RPC timeout and a half after it.
        long remembered = poisonedAt + TimeUnit.MILLISECONDS.toNanos(RPC_TIMEOUT_MS * 3 / 2);
        Await.until("the black holes' requests should have timed out", Duration.ofSeconds(5),
                () -> System.nanoTime() >= remembered, () -> "not yet");
        FindNodeReply again = client.findNode(target.randomWithSharedPrefix(150, random).toHex());
        System.out.printf("lookup before the attack (slowest of 5) %d ms, poisoned %.0f ms, next %.0f ms; %d poisoned"
                + " replies%n", before, poisoned.durationMs(), again.durationMs(), poisonedReplies.get());

        assertTrue(poisonedReplies.get() > 0, "the victim should have asked the attacker");
        assertTrue(poisoned.closestIds().containsAll(honestIds),
                "the poisoned lookup should still find every honest node " + honestIds + ": " + poisoned.closestIds());
        assertTrue(poisoned.durationMs() <= before + RPC_TIMEOUT_MS + SLACK_MS, "a lookup with " + BLACK_HOLES
                + " black-holed ids should take at most one RPC timeout more than " + before + " ms, took "
                + poisoned.durationMs() + " ms");
        assertTrue(again.durationMs() <= before + RPC_TIMEOUT_MS / 2 + SLACK_MS,
                "the black holes should be remembered, so the next lookup should not wait on them; it took "
                        + again.durationMs() + " ms");
        assertTrue(client.node().routingTable().contains(honestId),
                "a bogus address named for the honest node must not remove it from the victim's table");
        assertTrue(again.closestIds().contains(honestId), "the next lookup should find the honest node too");
    }

    /** The slowest of {@code count} lookups of random targets, in ms, as the node measured them. */
    private long slowest(NodeClient client, int count) {
        double slowest = 0;
        for (int i = 0; i < count; i++) {
            slowest = Math.max(slowest, client.findNode(NodeId.random(random).toHex()).durationMs());
        }
        return Math.round(slowest);
    }

    /** Answers pings with pongs and every find_node with black holes closer to its target than anyone. */
    private void answerWithPoison(NodeIdentity identity) {
        try {
            while (!stop.get()) {
                AttackerLink.Event event = attacker.next(200);
                if (event == null || event.isClose()) {
                    continue;
                }
                JsonNode request = JSON.readTree(event.frame());
                String type = request.path("type").asText();
                String id = request.path("requestId").asText();
                if (type.equals("ping")) {
                    attacker.sendText(frame("pong", id, identity).toString());
                } else if (type.equals("find_node")) {
                    attacker.sendText(poison(id, identity, NodeId.fromHex(request.path("target").asText())));
                    poisonedReplies.incrementAndGet();
                }
            }
        } catch (Exception e) {
            if (!stop.get()) {
                throw new IllegalStateException("the attacker's loop failed", e);
            }
        }
    }

    private String poison(String requestId, NodeIdentity identity, NodeId target) {
        ObjectNode reply = frame("nodes", requestId, identity);
        ArrayNode nodes = reply.putArray("nodes");
        Set<NodeId> ids = new HashSet<>();
        while (ids.size() < BLACK_HOLES) {
            ids.add(target.randomWithSharedPrefix(140, random));
        }
        int hole = 1;
        for (NodeId id : ids) {
            nodes.addObject().put("nodeId", id.toHex()).put("address", hole(hole++));
        }
        NodeId named = ids.iterator().next();
        for (int again = 2; again <= 3; again++) {
            nodes.addObject().put("nodeId", named.toHex()).put("address", hole(again));
        }
        String honestId = NodeClient.of(network.node(1)).node().nodeId();
        nodes.addObject().put("nodeId", honestId).put("address", hole(0));
        return reply.toString();
    }

    private ObjectNode frame(String type, String requestId, NodeIdentity identity) {
        ObjectNode frame = JSON.createObjectNode().put("type", type).put("requestId", requestId);
        frame.putObject("sender").put("nodeId", identity.id().toHex()).put("address", hole(0));
        return frame;
    }

    private String hole(int index) {
        return "ws://127.0.0.1:" + blackHoles.get(index).getLocalPort() + "/dht";
    }
}
