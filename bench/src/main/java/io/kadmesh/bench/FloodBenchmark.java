package io.kadmesh.bench;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kadmesh.dht.NodeId;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.it.harness.AttackerLink;
import io.kadmesh.it.harness.NodeClient;
import io.kadmesh.it.harness.TrueClosest;
import io.kadmesh.localnet.LocalNetwork;
import io.kadmesh.localnet.NodeProcess;

/**
 * The flood benchmark ({@code bench/flood.sh}): a bootstrap and N node processes on loopback; honest
 * lookups through one node's REST API, first alone, then while one authenticated peer floods that
 * node with find_node as fast as its link carries them, then alone again. Prints one JSON line: each
 * phase's mean, p50 and p99 at the REST client and how many lookups were exact, the flood's frames a
 * second, and the ratio of the flooded p99 to the quiet one (design §6 asks for at most 10).
 *
 * @param nodes N, nodes besides the bootstrap
 * @param lookups timed lookups per phase
 * @param seed fixes the targets
 * @param appDir the packaged application ({@code target/quarkus-app})
 * @param workDir holds the nodes' directories
 */
public record FloodBenchmark(int nodes, int lookups, long seed, Path appDir, Path workDir) {

    private static final int K = 20;
    private static final int WARMUP = 50;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String FLOODER_ADDRESS = "ws://127.0.0.1:9/dht";

    /**
     * Runs the benchmark. Arguments: {@code [nodes] [lookups] [seed]} (default 15, 300, 1); the
     * application directory is system property {@code kadmesh.app.dir} (default
     * {@code target/quarkus-app}). The JSON line goes to stdout, progress to stderr.
     */
    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        if (nodes < 3 || lookups < 1) {
            throw new IllegalArgumentException("nodes must be >= 3 and lookups >= 1, got " + nodes + ", " + lookups);
        }
        Path appDir = Path.of(System.getProperty("kadmesh.app.dir", "target/quarkus-app"));
        Path workDir = Files.createTempDirectory("kadmesh-flood-");
        System.out.println(new FloodBenchmark(nodes, lookups, seed, appDir, workDir).run().toString());
    }

    /** Starts the network, measures the three phases, stops it; returns the figures. */
    public ObjectNode run() throws Exception {
        System.err.println("flood benchmark: bootstrap + " + nodes + " nodes in " + workDir);
        try (LocalNetwork network = LocalNetwork.start(appDir, workDir, nodes)) {
            network.awaitReady(NetworkBenchmark.READY_TIMEOUT, System.err::println);
            NodeProcess flooded = network.node(0);
            Set<String> ids = network.members().stream().map(member -> NodeClient.of(member).node().nodeId())
                    .collect(Collectors.toSet());
            Random random = new Random(seed);
            phase(flooded, ids, random, WARMUP);
            ObjectNode figures = JSON.objectNode().put("benchmark", "flood").put("nodes", nodes);
            ObjectNode before = phase(flooded, ids, random, lookups);
            ObjectNode during = flooded(flooded, ids, random);
            ObjectNode after = phase(flooded, ids, random, lookups);
            figures.set("quiet", before);
            figures.set("flooded", during);
            figures.set("quietAgain", after);
            double quietP99 = Math.max(before.get("p99Ms").asDouble(), after.get("p99Ms").asDouble());
            figures.put("p99Ratio", NetworkBenchmark.round(during.get("p99Ms").asDouble() / quietP99));
            return figures;
        }
    }

    /**
     * The honest lookups while a handshaken peer floods {@code node} with find_node. When the node closes
     * the flooder's link, the flooder comes back at once with a fresh key and handshake, as a
     * persistent attacker would; {@code floodReconnects} counts how often.
     */
    private ObjectNode flooded(NodeProcess node, Set<String> ids, Random random) throws Exception {
        AtomicReference<Flooder> current = new AtomicReference<>(connect(node));
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLong sent = new AtomicLong();
        AtomicLong reconnects = new AtomicLong();
        Thread flood = new Thread(() -> flood(node, current, flooding, sent, reconnects, new Random(seed + 1)), "flood");
        Thread drain = new Thread(() -> drain(current, flooding), "drain");
        flood.start();
        drain.start();
        long started = System.nanoTime();
        ObjectNode figures = phase(node, ids, random, lookups);
        double seconds = (System.nanoTime() - started) / 1e9;
        flooding.set(false);
        flood.join();
        drain.join();
        current.get().link().abort();
        return figures.put("floodFramesPerSecond", Math.round(sent.get() / seconds))
                .put("floodReconnects", reconnects.get());
    }

    /** A flooding peer: its link, past the handshake, and the key it proved. */
    private record Flooder(AttackerLink link, NodeIdentity identity) {
    }

    private static Flooder connect(NodeProcess node) throws Exception {
        NodeIdentity identity = NodeIdentity.generate();
        return new Flooder(AttackerLink.open(HttpClient.newHttpClient(), node.advertisedUrl(), identity,
                FLOODER_ADDRESS, Duration.ofSeconds(10)), identity);
    }

    /** Sends find_node frames for random targets, each after the previous one left; reconnects when cut off. */
    private static void flood(NodeProcess node, AtomicReference<Flooder> current, AtomicBoolean flooding,
            AtomicLong sent, AtomicLong reconnects, Random random) {
        for (long n = 0; flooding.get(); n++) {
            Flooder flooder = current.get();
            try {
                flooder.link().sendText(findNode(flooder.identity(), n, random)).join();
                sent.incrementAndGet();
            } catch (RuntimeException cutOff) {
                try {
                    current.set(connect(node));
                    reconnects.incrementAndGet();
                } catch (Exception refused) {
                    return;
                }
            }
        }
    }

    private static String findNode(NodeIdentity identity, long n, Random random) {
        String sender = "{\"nodeId\":\"" + identity.id().toHex() + "\",\"address\":\"" + FLOODER_ADDRESS + "\"}";
        return "{\"type\":\"find_node\",\"requestId\":\"f" + n + "\",\"sender\":" + sender + ",\"target\":\""
                + NodeId.random(random).toHex() + "\"}";
    }

    /** Reads and drops the node's answers, so that they do not pile up in this process. */
    private static void drain(AtomicReference<Flooder> current, AtomicBoolean flooding) {
        try {
            while (flooding.get()) {
                current.get().link().next(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code count} lookups of random targets through {@code node}'s REST API, one at a time. */
    private static ObjectNode phase(NodeProcess node, Set<String> ids, Random random, int count) {
        List<Double> millis = new ArrayList<>(count);
        int exact = 0;
        NodeClient client = NodeClient.of(node);
        for (int i = 0; i < count; i++) {
            String target = NodeId.random(random).toHex();
            long started = System.nanoTime();
            List<String> found = client.findNode(target).closestIds();
            millis.add((System.nanoTime() - started) / 1e6);
            exact += TrueClosest.matches(found, ids, target, K) ? 1 : 0;
        }
        Sample sample = Sample.of(millis);
        return JSON.objectNode().put("lookups", count).put("exact", exact)
                .put("meanMs", NetworkBenchmark.round(sample.mean()))
                .put("p50Ms", NetworkBenchmark.round(sample.percentile(50)))
                .put("p99Ms", NetworkBenchmark.round(sample.percentile(99)));
    }
}
