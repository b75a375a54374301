package io.kadmesh.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.kadmesh.dht.NodeId;
import io.kadmesh.it.harness.Await;
import io.kadmesh.it.harness.LookupCheck;
import io.kadmesh.it.harness.NetworkView;
import io.kadmesh.it.harness.NodeClient;
import io.kadmesh.it.harness.PackagedApp;
import io.kadmesh.localnet.LocalNetwork;
import io.kadmesh.localnet.NodeProcess;
import io.kadmesh.localnet.NodeSpec;

/**
 * A live network of 1 bootstrap and 15 node processes of the packaged jar on 127.0.0.1, started once
 * and taken through one scenario in order: ready, connected, exact lookups, stored values, a pubsub channel, 5 nodes
 * killed, the bootstrap stopped and started again. Every step has a deadline; the timeouts add up
 * to under 8 minutes. Node logs stay in {@code target/it-network/<run>/<node>/node.log}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class NetworkIT {

    private static final int NODES = 15;
    private static final int KILLED = 5;
    /** The default ping interval plus the RPC timeout, and a second for the REST polls. */
    private static final Duration LEAVE_BOUND = Duration.ofSeconds(30 + 2 + 1);
    private static final long SEED = Long.getLong("kadmesh.it.seed", 20_261_125L);

    private final Random random = new Random(SEED);
    private LocalNetwork network;
    private NetworkView view;

    /**
     * Only launches the 16 processes (readiness is awaited by the first test), but each launch forks a
     * JVM, which takes well over 5 s in all on a loaded machine; the timeout guards start-up only.
     */
    @BeforeAll
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void startNetwork() {
        network = LocalNetwork.start(PackagedApp.dir(), PackagedApp.runDir("it-network"), NODES);
        view = new NetworkView(network);
    }

    @AfterAll
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void stopNetwork() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 125, unit = TimeUnit.SECONDS)
    void allNodesBecomeReady() {
        network.awaitReady(Duration.ofSeconds(120), System.out::println);
        assertEquals(NODES + 1, network.members().size(), "every process should still run once the network is ready");
    }

    /**
     * Every node is seen in range at one poll at least. Not all at one instant: a lookup dials links for
     * a moment, so with 15 nodes one of them is often one over its maximum until it trims the link.
     */
    @Test
    @Order(2)
    @Timeout(value = 15, unit = TimeUnit.SECONDS)
    void eachNodeHoldsThreeToEightConnections() {
        String range = NodeSpec.MIN_CONNECTIONS + ".." + NodeSpec.MAX_CONNECTIONS;
        Set<NodeProcess> seenInRange = new HashSet<>();
        Await.until("every node should hold " + range + " connections", Duration.ofSeconds(10), () -> {
            network.liveNodes().stream().filter(node -> !seenInRange.contains(node)).filter(this::connectionsInRange)
                    .forEach(seenInRange::add);
            return seenInRange.containsAll(network.liveNodes());
        }, () -> "never in range: " + NetworkView.connectionCounts(
                network.liveNodes().stream().filter(node -> !seenInRange.contains(node)).toList()));
    }

    @Test
    @Order(3)
    @Timeout(value = 25, unit = TimeUnit.SECONDS)
    void lookupsReturnTheTrueClosest() {
        String wrong = LookupCheck.mismatches(network.members(), view.liveIds(), 100, random);
        assertTrue(wrong.isEmpty(), "lookups should return the true " + LookupCheck.K + " closest of all "
                + view.liveIds().size() + " members (seed " + SEED + "): " + wrong);
    }

    @Test
    @Order(4)
    @Timeout(value = 15, unit = TimeUnit.SECONDS)
    void aStoredValueIsReadFromEveryOtherNode() {
        String key = NodeId.random(random).toHex();
        JsonNode value = JsonNodeFactory.instance.objectNode().put("scenario", "network").put("seed",
                Long.toString(SEED));
        NodeProcess writer = network.node(0);
        NodeClient.of(writer).putValue(key, value);
        for (NodeProcess reader : network.members()) {
            if (reader != writer) {
                Await.until("the value " + key + " stored on " + writer.name() + " should be read from " + reader,
                        Duration.ofSeconds(5), () -> NodeClient.of(reader).getValue(key).equals(Optional.of(value)),
                        () -> String.valueOf(NodeClient.of(reader).getValue(key)));
            }
        }
    }

    /**
     * A channel created on one node is the same channel from every other node: same creator, same
     * creation time, answered 200 rather than created again. Prints how long creation took.
     */
    @Test
    @Order(5)
    @Timeout(value = 15, unit = TimeUnit.SECONDS)
    void aChannelCreatedOnOneNodeIsTheSameFromEveryOther() {
        String name = "it-network-" + Long.toString(SEED, 36);
        NodeProcess creator = network.node(1);
        long started = System.nanoTime();
        JsonNode created = NodeClient.of(creator).createChannel(name);
        long tookMicros = (System.nanoTime() - started) / 1000;
        System.out.printf("channel created on %s in %.1f ms%n", creator.name(), tookMicros / 1000.0);

        assertEquals(201, created.path("status").asInt(), created.toString());
        assertEquals(view.idOf(creator), created.path("creator").asText(), created.toString());
        for (NodeProcess other : network.members()) {
            if (other != creator) {
                JsonNode found = NodeClient.of(other).createChannel(name);
                assertEquals(200, found.path("status").asInt(), other.name() + ": " + found);
                assertEquals(created.path("createdAt"), found.path("createdAt"), other.name() + ": " + found);
                assertEquals(created.path("creator"), found.path("creator"), other.name() + ": " + found);
            }
        }
    }

    /**
     * A killed peer leaves a table at once where a link to it closes, and otherwise when a liveness
     * check finds it: within the default ping interval (30 s) plus the RPC timeout (2 s), since nodes
     * keep at most 8 links and most peers hold none to it. {@code ChurnIT} asserts that bound exactly,
     * with a short ping interval.
     */
    @Test
    @Order(6)
    @Timeout(value = 100, unit = TimeUnit.SECONDS)
    void networkRecoversFromFiveKilledNodes() {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            indexes.add(i);
        }
        Collections.shuffle(indexes, random);
        for (int index : indexes.subList(0, KILLED)) {
            network.kill(index);
        }
        assertEquals(NODES + 1 - KILLED, network.members().size(), "killed nodes should be gone");
        long killedAt = System.nanoTime();
        int survivors = network.members().size();
        Await.until("every survivor's routing table should hold exactly the other " + (survivors - 1) + " survivors",
                LEAVE_BOUND,
                () -> network.members().stream()
                        .allMatch(node -> NodeClient.of(node).node().routingTableSize() == survivors - 1),
                () -> network.members().stream().map(node -> node.name() + "=" + NodeClient.of(node).node().routingTableSize())
                        .toList().toString());
        System.out.printf("killed peers left every routing table %d ms after the kill%n",
                (System.nanoTime() - killedAt) / 1_000_000);
        network.awaitReady(Duration.ofSeconds(60), System.out::println);
        String wrong = LookupCheck.mismatches(network.members(), view.liveIds(), 30, random);
        assertTrue(wrong.isEmpty(), "after " + KILLED + " nodes were killed (" + indexes.subList(0, KILLED)
                + "), lookups should return the true closest live members (seed " + SEED + "): " + wrong);
    }

    @Test
    @Order(7)
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void nodesKeepAnsweringLookupsWithoutTheBootstrap() {
        network.stopBootstrap();
        assertEquals(network.liveNodes(), network.members(), "the bootstrap should be stopped");
        String wrong = LookupCheck.mismatches(network.liveNodes(), view.liveIds(), 20, random);
        assertTrue(wrong.isEmpty(), "without the bootstrap, lookups should return the true closest live nodes (seed "
                + SEED + "): " + wrong);
    }

    @Test
    @Order(8)
    @Timeout(value = 50, unit = TimeUnit.SECONDS)
    void aNewNodeJoinsThroughTheRestartedBootstrap() {
        String bootstrapId = idOfStopped(network.bootstrap());
        int bootstrapPort = network.bootstrap().port();
        NodeProcess bootstrap = network.startBootstrap();
        assertEquals(bootstrapPort, bootstrap.port(), "the bootstrap should come back on its port");
        Await.until("the restarted bootstrap should answer /api/node", Duration.ofSeconds(20),
                () -> NodeClient.of(bootstrap).node() != null, bootstrap::toString);
        assertEquals(bootstrapId, view.idOf(bootstrap), "the restarted bootstrap should keep its id (same key file)");

        NodeProcess newcomer = network.startNode();
        network.awaitReady(List.of(newcomer), Duration.ofSeconds(25));
        String newcomerId = view.idOf(newcomer);
        NodeProcess asker = network.liveNodes().get(0);
        Await.until(asker.name() + " should find " + newcomer.name() + " as the closest node to its own id",
                Duration.ofSeconds(5), () -> newcomerId.equals(NodeClient.of(asker).findNode(newcomerId).closestIds().get(0)),
                () -> NodeClient.of(asker).findNode(newcomerId).closestIds().toString());
    }

    private boolean connectionsInRange(NodeProcess node) {
        int connections = NodeClient.of(node).node().connections().size();
        return connections >= NodeSpec.MIN_CONNECTIONS && connections <= NodeSpec.MAX_CONNECTIONS;
    }

    /** The id the stopped {@code bootstrap} had: read while it ran, by an earlier step. */
    private String idOfStopped(NodeProcess bootstrap) {
        try {
            return view.idOf(bootstrap);
        } catch (RuntimeException e) {
            return fail("the bootstrap's id should have been read while it ran", e);
        }
    }
}
