package io.kadmesh.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kadmesh.it.harness.NodeClient;
import io.kadmesh.localnet.Deadline;
import io.kadmesh.localnet.LocalNetwork;
import io.kadmesh.localnet.NodeProcess;
import io.kadmesh.localnet.NodeStartup;

/**
 * The network benchmark ({@code bench/network.sh}): a bootstrap and N node processes with the lean
 * flags on loopback; prints one JSON line of startup, connection, lookup, memory and idle-CPU
 * figures. Per-node figures cover the N nodes, the bootstrap not counted.
 *
 * @param nodes N, nodes besides the bootstrap
 * @param lookups timed lookups
 * @param warmup untimed lookups before them
 * @param idleWindow how long idle CPU is measured
 * @param seed fixes which node looks up which target
 * @param appDir the packaged application ({@code target/quarkus-app})
 * @param workDir holds the nodes' directories
 */
public record NetworkBenchmark(int nodes, int lookups, int warmup, Duration idleWindow, long seed, Path appDir,
        Path workDir) {

    /**
     * How long idle CPU is measured: two rounds of liveness checks, which run every half ping interval
     * (15 s by default) and are most of what an idle node does. A 10 s window held one round or none,
     * so the figure swung by a factor of two between runs of the same build.
     */
    static final Duration IDLE_WINDOW = Duration.ofSeconds(30);

    /** Longest the whole network may take to become ready. */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    /** Nodes a lookup returns (k). */
    static final int K = 20;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public NetworkBenchmark {
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be >= 1, got " + nodes);
        }
        if (lookups < 1 || warmup < 0) {
            throw new IllegalArgumentException("lookups must be >= 1 and warmup >= 0, got " + lookups + ", " + warmup);
        }
        Objects.requireNonNull(idleWindow, "idleWindow must be set");
        Objects.requireNonNull(appDir, "appDir must be set");
        Objects.requireNonNull(workDir, "workDir must be set");
    }

    /**
     * Runs the benchmark. Arguments: {@code [nodes] [lookups] [seed]} (default 15, 1000, 1); the
     * application directory is system property {@code kadmesh.app.dir} (default
     * {@code target/quarkus-app}). The JSON line goes to stdout, progress to stderr.
     */
    public static void main(String[] args) throws IOException {
        int nodes = args.length > 0 ? positive(args[0], "nodes") : 15;
        int lookups = args.length > 1 ? positive(args[1], "lookups") : 1000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        Path appDir = Path.of(System.getProperty("kadmesh.app.dir", "target/quarkus-app"));
        Path workDir = Files.createTempDirectory("kadmesh-bench-");
        NetworkBenchmark benchmark = new NetworkBenchmark(nodes, lookups, 100, IDLE_WINDOW, seed, appDir,
                workDir);
        System.out.println(benchmark.run(System.err).toString());
    }

    /** {@code text} as a positive int, or an error naming the argument {@code name}. */
    static int positive(String text, String name) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive integer, got '" + text + "'");
    }

    /** Starts the network, measures it, kills it; returns the figures. Progress goes to {@code log}. */
    public ObjectNode run(PrintStream log) {
        log.println("network benchmark: bootstrap + " + nodes + " nodes in " + workDir);
        long started = System.nanoTime();
        try (LocalNetwork network = LocalNetwork.start(appDir, workDir, nodes)) {
            List<NodeStartup> startups = network.awaitReady(READY_TIMEOUT, log::println);
            ObjectNode figures = JSON.objectNode().put("benchmark", "network").put("nodes", nodes)
                    .put("timeToAllReadyMs", Math.round((System.nanoTime() - started) / 1e6));
            figures.set("readyAfterListenMs", medianMax(Sample.of(startups.stream()
                    .filter(startup -> startup.node() != network.bootstrap()).map(NodeStartup::readyAfterListenMs)
                    .toList())));
            figures.set("connectionsAtReady", connections(network.liveNodes()));
            measureRunningNetwork(network, figures, log);
            figures.set("connectionsPerNode", connections(network.liveNodes()));
            figures.put("lateJoinReadyAfterListenMs", lateJoin(network, log));
            return figures;
        }
    }

    private void measureRunningNetwork(LocalNetwork network, ObjectNode figures, PrintStream log) {
        log.println("lookups: " + warmup + " warm-up, " + lookups + " timed");
        figures.set("findNode", new LookupBench(network.members(), new Random(seed), K).run(warmup, lookups));
        log.println("idle window: " + idleWindow.toMillis() + " ms");
        figures.put("idleCpuPercentPerNode", round(idleCpuPercent(network.liveNodes()).median()));
        figures.set("rssPerNodeMB", medianMax(Sample.of(
                network.liveNodes().stream().map(node -> ProcessMetrics.rssKb(node.pid()) / 1024.0).toList())));
        figures.set("pssPerNodeMB", medianMax(Sample.of(
                network.liveNodes().stream().map(node -> ProcessMetrics.pssKb(node.pid()) / 1024.0).toList())));
    }

    /**
     * One more node joins the settled network: how long after its port listens it is ready. This is
     * the joining figure of a real deployment; the start-up figures include 16 JVMs booting at once
     * on the same cores.
     */
    private static long lateJoin(LocalNetwork network, PrintStream log) {
        log.println("late join: one more node");
        NodeProcess newcomer = network.startNode();
        return Math.round(network.awaitReady(List.of(newcomer), READY_TIMEOUT).get(0).readyAfterListenMs());
    }

    private static ObjectNode connections(List<NodeProcess> nodes) {
        Sample counts = Sample.of(nodes.stream().map(node -> NodeClient.of(node).node().connections().size()).toList());
        return JSON.objectNode().put("min", round(counts.min()))
                .put("median", round(counts.median())).put("max", round(counts.max()));
    }

    private Sample idleCpuPercent(List<NodeProcess> nodes) {
        List<Long> before = new ArrayList<>();
        nodes.forEach(node -> before.add(ProcessMetrics.cpuTicks(node.pid())));
        Deadline window = Deadline.after(idleWindow);
        while (!window.expired()) {
            window.pause(idleWindow);
        }
        double seconds = window.elapsed().toNanos() / 1e9;
        List<Double> percents = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            long ticks = ProcessMetrics.cpuTicks(nodes.get(i).pid()) - before.get(i);
            percents.add(100.0 * ticks / ProcessMetrics.TICKS_PER_SECOND / seconds);
        }
        return Sample.of(percents);
    }

    private static ObjectNode medianMax(Sample sample) {
        return JSON.objectNode().put("median", round(sample.median())).put("max", round(sample.max()));
    }

    /** {@code value} to one decimal. */
    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
