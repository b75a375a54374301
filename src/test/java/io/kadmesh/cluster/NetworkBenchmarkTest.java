package io.kadmesh.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@link NetworkBenchmark} over {@link FakeNode} processes: every figure is there. */
class NetworkBenchmarkTest {

    @TempDir
    Path scratch;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldPrintEveryFigure() throws IOException {
        NetworkBenchmark benchmark = new NetworkBenchmark(2, 20, 5, Duration.ofSeconds(1), 1,
                FakeApp.ofFakeNode(scratch), scratch.resolve("work"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        ObjectNode figures = benchmark.run(new PrintStream(log, true, StandardCharsets.UTF_8));

        for (String field : List.of("timeToAllReadyMs", "readyAfterListenMs", "connectionsPerNode", "findNode",
                "rssPerNodeMB", "idleCpuPercentPerNode")) {
            assertTrue(figures.has(field), field + " missing from " + figures);
        }
        assertEquals(20, figures.path("findNode").path("lookups").asInt(), figures.toString());
        assertTrue(figures.path("rssPerNodeMB").path("max").asDouble() > 1, figures.toString());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("3/3 ready"), log.toString(StandardCharsets.UTF_8));
    }
}
