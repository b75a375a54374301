package io.kadmesh.localnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link LocalNetwork} over {@link FakeNode} processes: start, readiness, kill, restart, close. */
class LocalNetworkTest {

    private static final Duration READY = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path scratch;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldStartKillRestartAndCloseEveryProcess() throws IOException {
        try (LocalNetwork network = LocalNetwork.start(FakeApp.ofFakeNode(scratch), scratch.resolve("work"), 2)) {
            List<NodeStartup> startups = network.awaitReady(READY);

            assertEquals(List.of(network.bootstrap(), network.node(0), network.node(1)),
                    startups.stream().map(NodeStartup::node).toList(), "the bootstrap and 2 nodes should be ready");
            startups.forEach(LocalNetworkTest::assertReadinessTimedFromListening);
            assertTrue(nodeJson(network.bootstrap()).contains("\"role\":\"bootstrap\""));
            assertTrue(nodeJson(network.node(1)).contains("\"role\":\"node\""));
            assertTrue(Files.readString(network.node(0).spec().logFile()).contains("fake node node serve"),
                    "the node's output should go to its log");

            network.kill(0);
            assertFalse(network.node(0).isAlive(), "a killed node should be gone");
            assertEquals(List.of(network.bootstrap(), network.node(1)), network.members());

            assertBootstrapRestartsWithItsPortAndId(network);

            NodeProcess newcomer = network.startNode();
            assertEquals(newcomer, network.node(2), "a new node should take the next index");
            assertReadinessTimedFromListening(network.awaitReady(List.of(newcomer), READY).get(0));
            assertNotEquals(nodeJson(network.node(1)), nodeJson(newcomer), "a new node should have its own id");

            network.close();
            assertTrue(network.members().isEmpty(), "closing should kill every process");
            assertTrue(startups.stream().noneMatch(startup -> startup.node().isAlive()), "no process should be left");
        }
    }

    /**
     * A fake node turns ready {@link FakeNode#READY_DELAY_MILLIS} after its first readiness check,
     * and the watch checks readiness only once the port listens: so at least that long must pass
     * from listening to ready, and listening comes after the process starts.
     */
    private static void assertReadinessTimedFromListening(NodeStartup startup) {
        assertTrue(startup.readyAfterListenMs() >= FakeNode.READY_DELAY_MILLIS,
                "ready at least " + FakeNode.READY_DELAY_MILLIS + " ms after listening: " + startup);
        assertTrue(startup.readyAfterListenMs() <= startup.readyAfterStartMs(),
                "listening comes after the process starts: " + startup);
        assertTrue(startup.readyAfterStartMs() < READY.toMillis(), "ready within the wait: " + startup);
    }

    private static void assertBootstrapRestartsWithItsPortAndId(LocalNetwork network) {
        String before = nodeJson(network.bootstrap());
        NodeSpec spec = network.bootstrap().spec();
        network.stopBootstrap();
        assertFalse(network.bootstrap().isAlive(), "a stopped bootstrap should be gone");
        assertThrows(IllegalStateException.class, () -> network.awaitReady(List.of(network.bootstrap()), READY));

        NodeProcess restarted = network.startBootstrap();
        network.awaitReady(List.of(restarted), READY);
        assertEquals(spec, restarted.spec(), "the bootstrap should come back on its port, in its directory");
        assertEquals(before, nodeJson(restarted), "the bootstrap should keep its key file, hence its id");
        assertThrows(IllegalStateException.class, network::startBootstrap, "only one bootstrap may run");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldFailFastWithTheLogWhenANodeExits() throws IOException {
        try (LocalNetwork network = LocalNetwork.start(FakeApp.broken(scratch), scratch.resolve("work"), 1)) {
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> network.awaitReady(Duration.ofSeconds(45)));

            assertTrue(failure.getMessage().contains("exited with"), failure.getMessage());
            assertTrue(failure.getMessage().contains("jarfile"),
                    "the message should quote the log: " + failure.getMessage());
        }
    }

    @Test
    void shouldRejectBadArguments() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> LocalNetwork.start(FakeApp.ofFakeNode(scratch), scratch, -1));
        assertTrue(negative.getMessage().contains("nodes"), negative.getMessage());
        IllegalArgumentException noJar = assertThrows(IllegalArgumentException.class,
                () -> LocalNetwork.start(scratch.resolve("missing"), scratch, 1));
        assertTrue(noJar.getMessage().contains("appDir"), noJar.getMessage());
    }

    /** What the fake node answers on {@code /api/node}: its role and id. */
    private static String nodeJson(NodeProcess node) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.restUrl() + "/api/node"))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("GET " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while asking " + node, e);
        }
    }
}
