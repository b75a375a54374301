package io.kadmesh.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.localnet.LocalNetwork;
import io.kadmesh.localnet.NodeProcess;

/**
 * The link benchmark ({@code bench/link.sh}): one node process of the packaged jar, and one peer in
 * this process that passes the hello handshake over a real WebSocket and then sends pings pipelined,
 * {@code window} of them in flight, answered with pongs. Prints one JSON line: completed
 * request/response pairs a second over the measured window, after a warm-up, the node process's CPU
 * over that window (in all, and per request: the peer in this process often bounds the rate, so the
 * node's cost per request is the finer figure), and the replies that were not pongs (a refusal would
 * mean the figure measured the limits, not the link).
 * <p>
 * The node runs with its per-link request limits raised beyond what the benchmark sends
 * ({@code config/application.properties} in its directory): they guard against floods
 * ({@code docs/security.md}) and would otherwise cap the figure at 2,000 requests a second.
 *
 * @param window requests in flight at once; at most {@code kadmesh.dht.max-queued-frames} (64)
 * @param seconds length of the measured window
 * @param metrics whether the node records metrics ({@code kadmesh.metrics.enabled}); the JSON line
 *        says what the node's {@code /q/metrics} showed ({@code metricsEnabled})
 * @param appDir the packaged application ({@code target/quarkus-app})
 * @param workDir holds the node's directory
 */
public record LinkBenchmark(int window, int seconds, boolean metrics, Path appDir, Path workDir) {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String PEER_ADDRESS = "ws://127.0.0.1:9/dht";
    private static final Duration WARMUP = Duration.ofSeconds(5);
    /** Far beyond what one peer sends here; see the class comment. */
    private static final int UNLIMITED = 10_000_000;

    /**
     * Runs the benchmark. Arguments: {@code [window] [seconds]} (default 32, 10); the application
     * directory is system property {@code kadmesh.app.dir} (default {@code target/quarkus-app}).
     */
    public static void main(String[] args) throws Exception {
        int window = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        if (window < 1 || window > 64 || seconds < 1) {
            throw new IllegalArgumentException("window must be 1..64 and seconds >= 1, got " + window + ", " + seconds);
        }
        Path appDir = Path.of(System.getProperty("kadmesh.app.dir", "target/quarkus-app"));
        Path workDir = Files.createTempDirectory("kadmesh-link-");
        System.out.println(new LinkBenchmark(window, seconds, true, appDir, workDir).run().toString());
    }

    /** Starts the node, measures, stops it; returns the figures. */
    public ObjectNode run() throws Exception {
        configure(workDir.resolve("bootstrap"));
        System.err.println("link benchmark: one node in " + workDir + ", window " + window);
        try (LocalNetwork network = LocalNetwork.start(appDir, workDir, 0)) {
            NodeProcess node = network.bootstrap();
            NodeIdentity identity = NodeIdentity.generate();
            try (PipelinedPeer peer = connect(node, identity)) {
                Thread.sleep(WARMUP.toMillis());
                long answeredBefore = peer.answered();
                long ticksBefore = ProcessMetrics.cpuTicks(node.pid());
                long peerTicksBefore = ProcessMetrics.cpuTicks(ProcessHandle.current().pid());
                long started = System.nanoTime();
                Thread.sleep(Duration.ofSeconds(seconds).toMillis());
                long answered = peer.answered() - answeredBefore;
                long ticks = ProcessMetrics.cpuTicks(node.pid()) - ticksBefore;
                long peerTicks = ProcessMetrics.cpuTicks(ProcessHandle.current().pid()) - peerTicksBefore;
                double elapsed = (System.nanoTime() - started) / 1e9;
                if (peer.closeReason() != null) {
                    throw new IllegalStateException("the node closed the link: " + peer.closeReason());
                }
                return JSON.objectNode().put("benchmark", "link").put("window", window)
                        .put("metricsEnabled", metricsEnabled(node))
                        .put("seconds", NetworkBenchmark.round(elapsed))
                        .put("requestsPerSecond", Math.round(answered / elapsed))
                        .put("framesPerSecond", Math.round(2 * answered / elapsed))
                        .put("nodeCpuPercent", NetworkBenchmark.round(100.0 * ticks / ProcessMetrics.TICKS_PER_SECOND
                                / elapsed))
                        .put("nodeCpuMicrosPerRequest", NetworkBenchmark.round(1e6 * ticks
                                / ProcessMetrics.TICKS_PER_SECOND / Math.max(1, answered)))
                        .put("peerCpuPercent", NetworkBenchmark.round(100.0 * peerTicks
                                / ProcessMetrics.TICKS_PER_SECOND / elapsed))
                        .put("otherReplies", peer.refused());
            }
        }
    }

    /**
     * Handshakes with the node once it listens and starts the pipeline; a lone node is never ready, so
     * this waits for the port.
     */
    private PipelinedPeer connect(NodeProcess node, NodeIdentity identity) throws Exception {
        long deadline = System.nanoTime() + NetworkBenchmark.READY_TIMEOUT.toNanos();
        while (true) {
            PipelinedPeer peer = new PipelinedPeer();
            try {
                peer.start(node.advertisedUrl(), identity, PEER_ADDRESS, ping(identity), "\"type\":\"pong\"", window,
                        Duration.ofSeconds(10));
                return peer;
            } catch (Exception notYet) {
                peer.close();
                if (System.nanoTime() > deadline || !node.isAlive()) {
                    throw notYet;
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * A {@code config/application.properties} in the node's directory, which Quarkus reads at start:
     * the request limits lifted, metrics on or off.
     */
    private void configure(Path dataDir) throws IOException {
        Path config = Files.createDirectories(dataDir.resolve("config"));
        Files.writeString(config.resolve("application.properties"), "kadmesh.dht.request-rate-limit=" + UNLIMITED
                + "\nkadmesh.dht.find-node-rate-limit=" + UNLIMITED + "\nkadmesh.metrics.enabled=" + metrics + "\n");
    }

    /** Whether the node's {@code /q/metrics} says it records metrics: {@code kadmesh_metrics_enabled 1.0}. */
    private static boolean metricsEnabled(NodeProcess node) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(node.restUrl() + "/q/metrics")).timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body().lines().anyMatch(line -> line.equals("kadmesh_metrics_enabled 1.0"));
    }

    private static String ping(NodeIdentity identity) {
        return "{\"type\":\"ping\",\"requestId\":\"p\",\"sender\":{\"nodeId\":\"" + identity.id().toHex()
                + "\",\"address\":\"" + PEER_ADDRESS + "\"}}";
    }
}
