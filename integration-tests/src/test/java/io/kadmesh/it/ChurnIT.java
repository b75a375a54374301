package io.kadmesh.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.dht.NodeId;
import io.kadmesh.it.harness.Await;
import io.kadmesh.it.harness.LookupCheck;
import io.kadmesh.it.harness.NetworkView;
import io.kadmesh.it.harness.NodeClient;
import io.kadmesh.it.harness.NodeStatus;
import io.kadmesh.it.harness.PackagedApp;
import io.kadmesh.it.harness.TrueClosest;
import io.kadmesh.localnet.LocalNetwork;
import io.kadmesh.localnet.NodeProcess;
import io.kadmesh.localnet.NodeSpec;

/**
 * Churn on a live network of 1 bootstrap and 15 node processes of the packaged jar on 127.0.0.1:
 * once every node is ready and holds 3 to 8 links, 20% of the nodes (3) are
 * killed with SIGKILL. Then every survivor's routing table drops them within the ping interval plus
 * the RPC timeout, lookups never return them, and lookups from survivors through REST, several a
 * second from the moment of the kill, are at least 99% successful and exact. The nodes run with a
 * short ping interval ({@value #PING_INTERVAL_SECONDS} s, from a {@code config/application.properties}
 * in each node's working directory) to keep the run short. Node logs stay in
 * {@code target/it-churn/<run>/<node>/node.log}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChurnIT {

    private static final int NODES = 15;
    private static final int KILLED = 3;
    private static final int PING_INTERVAL_SECONDS = 6;
    /** The node's default {@code kadmesh.dht.rpc-timeout}. */
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(2);
    /** The requirement: a killed peer leaves every table within the ping interval plus the RPC timeout. */
    private static final Duration LEAVE_BOUND = Duration.ofSeconds(PING_INTERVAL_SECONDS).plus(RPC_TIMEOUT);
    /** What polling the survivors' tables over REST may add on a loaded machine. */
    private static final Duration POLLING_SLACK = Duration.ofSeconds(1);
    /** How long lookups run after the kill: past the bound, so they cover the whole departure. */
    private static final Duration CHURN_WINDOW = LEAVE_BOUND.plusSeconds(4);
    private static final int LOOKUPS_PER_SECOND = 10;
    private static final double REQUIRED_SUCCESS = 0.99;
    private static final long SEED = Long.getLong("kadmesh.it.seed", 20_261_130L);

    private final Random random = new Random(SEED);
    private LocalNetwork network;
    private NetworkView view;

    /**
     * Starts the network. Launching 16 JVMs takes seconds on a loaded machine; the deadlines here only
     * guard start-up and are generous, unlike the requirement the test asserts.
     */
    @BeforeAll
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void startSettledNetwork() {
        Path runDir = PackagedApp.runDir("it-churn");
        shortPingInterval(runDir.resolve("bootstrap"));
        for (int i = 1; i <= NODES; i++) {
            shortPingInterval(runDir.resolve(String.format("node-%02d", i)));
        }
        network = LocalNetwork.start(PackagedApp.dir(), runDir, NODES);
        view = new NetworkView(network);
        network.awaitReady(Duration.ofSeconds(180), System.out::println);
        Await.until("every node should hold " + NodeSpec.MIN_CONNECTIONS + ".." + NodeSpec.MAX_CONNECTIONS + " links",
                Duration.ofSeconds(60), () -> network.members().stream().map(node -> NodeClient.of(node).node())
                        .allMatch(status -> status.connections().size() >= NodeSpec.MIN_CONNECTIONS
                                && status.connections().size() <= NodeSpec.MAX_CONNECTIONS),
                this::tableSizesAndLinks);
    }

    /** A {@code config/application.properties} in the node's working directory, which Quarkus reads. */
    private static void shortPingInterval(Path dataDir) {
        try {
            Path config = Files.createDirectories(dataDir.resolve("config"));
            Files.writeString(config.resolve("application.properties"),
                    "kadmesh.dht.ping-interval=" + PING_INTERVAL_SECONDS + "s\n");
        } catch (IOException e) {
            throw new UncheckedIOException("could not configure the node in " + dataDir, e);
        }
    }

    @AfterAll
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void stopNetwork() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    @Timeout(value = 45, unit = TimeUnit.SECONDS)
    void killedNodesLeaveEveryTableAndLookupsStayExact() throws InterruptedException {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            indexes.add(i);
        }
        Collections.shuffle(indexes, random);
        List<NodeProcess> victims = indexes.subList(0, KILLED).stream().map(network::node).toList();
        Set<String> killedIds = victims.stream().map(view::idOf).collect(Collectors.toSet());
        Set<String> survivorIds = new HashSet<>(view.liveIds());
        survivorIds.removeAll(killedIds);
        Map<String, List<String>> linkedToKilled = linksTo(killedIds);
        Map<String, List<String>> heldBefore = holders(killedIds);

        victims.forEach(NodeProcess::kill);
        long killedAt = System.nanoTime();
        List<NodeProcess> survivors = network.members();
        assertEquals(NODES + 1 - KILLED, survivors.size(), "killed nodes should be gone");
        System.out.printf("killed %s; survivors linked to them: %s; survivors whose table held them: %s%n", killedIds,
                linkedToKilled, heldBefore);

        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        ExecutorService lookups = Executors.newFixedThreadPool(4);
        try {
            Thread submitter = scheduleLookups(lookups, survivors, survivorIds, killedIds, killedAt, outcomes);
            Await.until("every survivor's routing table should drop the " + KILLED + " killed nodes",
                    LEAVE_BOUND.plus(POLLING_SLACK), () -> holders(killedIds).isEmpty(),
                    () -> "still held: " + holders(killedIds));
            long leftAfterMs = (System.nanoTime() - killedAt) / 1_000_000;
            System.out.printf("killed peers left every routing table %d ms after the kill (bound %d ms)%n", leftAfterMs,
                    LEAVE_BOUND.toMillis());
            submitter.join(CHURN_WINDOW.plusSeconds(5).toMillis());
        } finally {
            lookups.shutdown();
            assertTrue(lookups.awaitTermination(35, TimeUnit.SECONDS), "lookups should end");
        }
        report(outcomes);
    }

    /** For each survivor linked to a killed node, the killed ids it had links to. */
    private Map<String, List<String>> linksTo(Set<String> killedIds) {
        Map<String, List<String>> linked = new LinkedHashMap<>();
        for (NodeProcess node : network.members()) {
            List<String> peers = NodeClient.of(node).node().connections().stream().map(NodeStatus.Connection::peer)
                    .filter(killedIds::contains).toList();
            if (!peers.isEmpty() && !killedIds.contains(view.idOf(node))) {
                linked.put(node.name(), peers);
            }
        }
        return linked;
    }

    /** For each running node whose routing table holds a killed node, the killed ids it holds. */
    private Map<String, List<String>> holders(Set<String> killedIds) {
        Map<String, List<String>> holders = new LinkedHashMap<>();
        for (NodeProcess node : network.members()) {
            List<String> held = NodeClient.of(node).node().routingTable().stream().filter(killedIds::contains).toList();
            if (!held.isEmpty() && !killedIds.contains(view.idOf(node))) {
                holders.put(node.name(), held);
            }
        }
        return holders;
    }

    /**
     * Submits {@value #LOOKUPS_PER_SECOND} lookups a second over the churn window, each of a random
     * target from a random survivor, starting at the kill, on a thread of its own that it returns; each records when it was
     * asked, whether it
     * succeeded exactly, and what went wrong otherwise.
     */
    private Thread scheduleLookups(ExecutorService pool, List<NodeProcess> survivors, Set<String> survivorIds,
            Set<String> killedIds, long killedAt, ConcurrentLinkedQueue<Outcome> outcomes) {
        long count = CHURN_WINDOW.toSeconds() * LOOKUPS_PER_SECOND;
        long spacingNanos = TimeUnit.SECONDS.toNanos(1) / LOOKUPS_PER_SECOND;
        Thread submitter = new Thread(() -> {
            for (long i = 0; i < count; i++) {
                long due = killedAt + i * spacingNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                String target = NodeId.random(random).toHex();
                NodeProcess from = survivors.get(random.nextInt(survivors.size()));
                pool.execute(() -> outcomes.add(lookup(from, target, survivorIds, killedIds, killedAt)));
            }
        }, "churn-lookups");
        submitter.setDaemon(true);
        submitter.start();
        return submitter;
    }

    private static Outcome lookup(NodeProcess from, String target, Set<String> survivorIds, Set<String> killedIds,
            long killedAt) {
        int second = (int) ((System.nanoTime() - killedAt) / 1_000_000_000L);
        try {
            List<String> found = NodeClient.of(from).findNode(target).closestIds();
            List<String> killedFound = found.stream().filter(killedIds::contains).toList();
            if (!killedFound.isEmpty()) {
                return new Outcome(second, "lookup of " + target + " from " + from.name() + " returned killed " + killedFound);
            }
            if (!TrueClosest.matches(found, survivorIds, target, LookupCheck.K)) {
                return new Outcome(second, "lookup of " + target + " from " + from.name() + " found " + found
                        + ", expected " + TrueClosest.of(survivorIds, target, LookupCheck.K));
            }
            return new Outcome(second, null);
        } catch (RuntimeException e) {
            return new Outcome(second, "lookup of " + target + " from " + from.name() + " failed: " + e.getMessage());
        }
    }

    /** Prints the success rate per second after the kill and asserts the overall one. */
    private static void report(ConcurrentLinkedQueue<Outcome> outcomes) {
        TreeMap<Integer, int[]> perSecond = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            int[] tally = perSecond.computeIfAbsent(outcome.second(), second -> new int[2]);
            tally[1]++;
            if (outcome.failure() == null) {
                tally[0]++;
            } else {
                failures.add("second " + outcome.second() + ": " + outcome.failure());
            }
        }
        StringBuilder table = new StringBuilder("lookup success per second after the kill:");
        perSecond.forEach((second, tally) -> table.append(String.format(" [%d s: %d/%d]", second, tally[0], tally[1])));
        System.out.println(table);
        int total = outcomes.size();
        long succeeded = total - failures.size();
        System.out.printf("lookups after the kill: %d of %d exact (%.2f%%)%n", succeeded, total, 100.0 * succeeded / total);
        assertTrue(total >= CHURN_WINDOW.toSeconds() * LOOKUPS_PER_SECOND, "every scheduled lookup should have run");
        assertTrue(succeeded >= Math.ceil(REQUIRED_SUCCESS * total), "at least 99% of lookups from survivors should be"
                + " successful and exact from the kill on; " + table + "; failures: " + failures);
    }

    private String tableSizesAndLinks() {
        return network.members().stream().map(node -> {
            NodeStatus status = NodeClient.of(node).node();
            return node.name() + "=" + status.routingTableSize() + "/" + status.connections().size();
        }).collect(Collectors.joining(", ", "table size/links: ", ""));
    }

    /** One lookup after the kill: the whole second after the kill it was asked in, and its failure if any. */
    private record Outcome(int second, String failure) {
    }
}
