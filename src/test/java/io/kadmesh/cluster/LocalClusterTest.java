package io.kadmesh.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link LocalCluster} over {@link FakeNode} processes: start, readiness, kill, restart, close. */
class LocalClusterTest {

    private static final Duration READY = Duration.ofSeconds(30);

    @TempDir
    Path scratch;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldStartKillRestartAndCloseEveryProcess() throws IOException {
        try (LocalCluster cluster = LocalCluster.start(FakeApp.ofFakeNode(scratch), scratch.resolve("work"), 2)) {
            List<NodeStartup> startups = cluster.awaitReady(READY);

            assertEquals(3, startups.size(), "the bootstrap and 2 nodes should be ready");
            startups.forEach(startup -> assertTrue(startup.readyAfterListenMs() >= 0, startup.toString()));
            assertEquals("bootstrap", cluster.bootstrap().client().node().role());
            assertEquals("node", cluster.node(1).client().node().role());
            assertTrue(Files.readString(cluster.node(0).spec().logFile()).contains("fake node node serve"),
                    "the node's output should go to its log");

            cluster.kill(0);
            assertFalse(cluster.node(0).isAlive(), "a killed node should be gone");
            assertEquals(List.of(cluster.bootstrap(), cluster.node(1)), cluster.members());

            assertBootstrapRestartsWithItsPortAndId(cluster);

            NodeProcess newcomer = cluster.startNode();
            assertEquals(newcomer, cluster.node(2), "a new node should take the next index");
            cluster.awaitReady(List.of(newcomer), READY);
            assertNotEquals(cluster.node(1).client().node().nodeId(), newcomer.client().node().nodeId());

            cluster.close();
            assertTrue(cluster.members().isEmpty(), "closing should kill every process");
        }
    }

    private static void assertBootstrapRestartsWithItsPortAndId(LocalCluster cluster) {
        String id = cluster.bootstrap().client().node().nodeId();
        int port = cluster.bootstrap().port();
        cluster.stopBootstrap();
        assertFalse(cluster.bootstrap().isAlive(), "a stopped bootstrap should be gone");
        assertThrows(IllegalStateException.class, () -> cluster.awaitReady(List.of(cluster.bootstrap()), READY));

        NodeProcess restarted = cluster.startBootstrap();
        cluster.awaitReady(List.of(restarted), READY);
        assertEquals(port, restarted.port(), "the bootstrap should come back on its port");
        assertEquals(id, restarted.client().node().nodeId(), "the bootstrap should keep its key file");
        assertThrows(IllegalStateException.class, cluster::startBootstrap, "only one bootstrap may run");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldFailFastWithTheLogWhenANodeExits() throws IOException {
        try (LocalCluster cluster = LocalCluster.start(FakeApp.broken(scratch), scratch.resolve("work"), 1)) {
            IllegalStateException failure = assertThrows(IllegalStateException.class,
                    () -> cluster.awaitReady(Duration.ofSeconds(45)));

            assertTrue(failure.getMessage().contains("exited with"), failure.getMessage());
            assertTrue(failure.getMessage().contains("jarfile"),
                    "the message should quote the log: " + failure.getMessage());
        }
    }

    @Test
    void shouldRejectBadArguments() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> LocalCluster.start(FakeApp.ofFakeNode(scratch), scratch, -1));
        assertTrue(negative.getMessage().contains("nodes"), negative.getMessage());
        IllegalArgumentException noJar = assertThrows(IllegalArgumentException.class,
                () -> LocalCluster.start(scratch.resolve("missing"), scratch, 1));
        assertTrue(noJar.getMessage().contains("appDir"), noJar.getMessage());
    }
}
