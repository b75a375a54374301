package io.kadmesh.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import io.kadmesh.it.harness.EventStream;
import io.kadmesh.it.harness.LookupCheck;
import io.kadmesh.it.harness.NetworkView;
import io.kadmesh.it.harness.NodeClient;
import io.kadmesh.it.harness.PackagedApp;
import io.kadmesh.localnet.LocalNetwork;
import io.kadmesh.localnet.NodeProcess;
import io.kadmesh.localnet.NodeSpec;

/**
 * A live network of 1 bootstrap and 15 node processes of the packaged jar on 127.0.0.1, started once
 * and taken through one scenario in order: ready, connected, exact lookups, stored values, a pubsub channel,
 * its messages delivered everywhere (through a delivery tree: the nodes' fan-out is 4), its 3 roots killed, 5 more nodes
 * killed, the bootstrap stopped and started again. Every
 * step has a deadline; the timeouts add up
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

    /** The channel's roots killed by the pubsub step. */
    private static final int PUBSUB_ROOTS_KILLED = 3;
    /**
     * The nodes' pubsub fan-out: below the channel's 16 member nodes, so that a root delivers through
     * the tree (docs/pubsub.md), whose forwarders pass each message on over real links.
     */
    private static final int PUBSUB_FAN_OUT = 4;

    private final Random random = new Random(SEED);
    private final String channel = "it-network-" + Long.toString(SEED, 36);
    private Map<NodeProcess, EventStream> followers = new LinkedHashMap<>();
    private LocalNetwork network;
    private NetworkView view;

    /**
     * Only launches the 16 processes (readiness is awaited by the first test), but each launch forks a
     * JVM, which takes well over 5 s in all on a loaded machine; the timeout guards start-up only.
     */
    @BeforeAll
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void startNetwork() {
        network = LocalNetwork.start(PackagedApp.dir(), PackagedApp.runDir("it-network"), NODES,
                Map.of("kadmesh.pubsub.fan-out", Integer.toString(PUBSUB_FAN_OUT)));
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
        String name = channel;
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
     * A message published on any node reaches every subscriber on every node exactly once: an SSE
     * client follows the channel on each of the 16 processes, and each process publishes one message.
     * Prints the publish-to-event latency over all 256 deliveries.
     */
    @Test
    @Order(6)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aMessagePublishedOnAnyNodeReachesEverySubscriberOnce() {
        followers = followEverywhere();
        Map<String, Long> sentAt = new LinkedHashMap<>();
        for (NodeProcess publisher : network.members()) {
            long started = System.nanoTime();
            sentAt.put(NodeClient.of(publisher).publish(channel, "from " + publisher.name()), started);
        }
        List<Long> latencies = new ArrayList<>();
        followers.forEach((node, stream) -> latencies.addAll(awaitExactly(node, stream, sentAt)));
        Collections.sort(latencies);
        System.out.printf("%d deliveries, publish to event: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                latencies.size(), latencies.get(latencies.size() / 2) / 1e6,
                latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1) / 1e6,
                latencies.get(latencies.size() - 1) / 1e6);
    }

    /**
     * Killing the channel's three roots, the nodes nearest its key (and so the first holders of its
     * record), stops neither the channel nor delivery to the rest: the channel is answered as created,
     * the next message reaches every surviving subscriber once, and so does every one after. Prints
     * how long the first took.
     */
    @Test
    @Order(7)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void killingTheChannelsThreeRootsStopsNoDelivery() {
        NodeId key = NodeId.sha1(("channel:" + channel).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<NodeProcess> roots = network.liveNodes().stream()
                .sorted((a, b) -> key.compareDistance(NodeId.fromHex(view.idOf(a)), NodeId.fromHex(view.idOf(b))))
                .limit(PUBSUB_ROOTS_KILLED).toList();
        roots.forEach(root -> {
            root.kill();
            followers.remove(root).close();
        });
        NodeProcess publisher = network.liveNodes().get(0);
        assertEquals(200, NodeClient.of(publisher).createChannel(channel).path("status").asInt(),
                "the channel should outlive its roots");

        long killedAt = System.nanoTime();
        Map<String, Long> first = Map.of(NodeClient.of(publisher).publish(channel, "after the roots died"),
                System.nanoTime());
        followers.forEach((node, stream) -> awaitExactly(node, stream, first, Duration.ofSeconds(40)));
        System.out.printf("with the 3 roots killed (%s), every surviving subscriber had the next message %d ms"
                + " after the kill%n", roots.stream().map(NodeProcess::name).toList(),
                (System.nanoTime() - killedAt) / 1_000_000);

        Map<String, Long> next = new LinkedHashMap<>();
        for (NodeProcess node : network.members()) {
            next.put(NodeClient.of(node).publish(channel, "from " + node.name() + " again"), System.nanoTime());
        }
        followers.forEach((node, stream) -> awaitExactly(node, stream, next));
        followers.values().forEach(EventStream::close);
    }

    private Map<NodeProcess, EventStream> followEverywhere() {
        Map<NodeProcess, EventStream> streams = new LinkedHashMap<>();
        for (NodeProcess node : network.members()) {
            EventStream stream = NodeClient.of(node).follow(channel, null);
            streams.put(node, stream);
            EventStream.Event subscribed = stream.next("subscribed", Duration.ofSeconds(10));
            assertTrue(subscribed != null, node.name() + " should confirm the subscription");
            assertTrue(subscribed.data().contains("\"roots\":3"), node.name() + ": " + subscribed.data());
        }
        return streams;
    }

    private List<Long> awaitExactly(NodeProcess node, EventStream stream, Map<String, Long> sentAt) {
        return awaitExactly(node, stream, sentAt, Duration.ofSeconds(10));
    }

    /**
     * Reads {@code node}'s stream until each of the messages {@code sentAt} names came once; a repeat,
     * or any other message, fails. Returns each one's latency from its send, in nanoseconds.
     */
    private static List<Long> awaitExactly(NodeProcess node, EventStream stream, Map<String, Long> sentAt,
            Duration timeout) {
        Set<String> seen = new HashSet<>();
        List<Long> latencies = new ArrayList<>();
        while (seen.size() < sentAt.size()) {
            EventStream.Event event = stream.next("message", timeout);
            if (event == null) {
                fail(node.name() + " had " + seen.size() + " of the " + sentAt.size() + " messages after " + timeout);
            }
            assertTrue(sentAt.containsKey(event.id()), node.name() + " got a message it should not have: " + event);
            assertTrue(seen.add(event.id()), node.name() + " got " + event.id() + " twice");
            latencies.add(event.readAtNanos() - sentAt.get(event.id()));
        }
        return latencies;
    }

    /**
     * A killed peer leaves a table at once where a link to it closes, and otherwise when a liveness
     * check finds it: within the default ping interval (30 s) plus the RPC timeout (2 s), since nodes
     * keep at most 8 links and most peers hold none to it. {@code ChurnIT} asserts that bound exactly,
     * with a short ping interval.
     */
    @Test
    @Order(8)
    @Timeout(value = 100, unit = TimeUnit.SECONDS)
    void networkRecoversFromFiveKilledNodes() {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            if (!network.node(i).stopped()) {
                indexes.add(i);
            }
        }
        Collections.shuffle(indexes, random);
        int membersBefore = network.members().size();
        for (int index : indexes.subList(0, KILLED)) {
            network.kill(index);
        }
        assertEquals(membersBefore - KILLED, network.members().size(), "killed nodes should be gone");
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
    @Order(9)
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void nodesKeepAnsweringLookupsWithoutTheBootstrap() {
        network.stopBootstrap();
        assertEquals(network.liveNodes(), network.members(), "the bootstrap should be stopped");
        String wrong = LookupCheck.mismatches(network.liveNodes(), view.liveIds(), 20, random);
        assertTrue(wrong.isEmpty(), "without the bootstrap, lookups should return the true closest live nodes (seed "
                + SEED + "): " + wrong);
    }

    @Test
    @Order(10)
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
