package io.kadmesh.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kadmesh.localnet.FakeApp;
import io.kadmesh.localnet.FakeNode;

/**
 * {@link NetworkBenchmark} over {@link FakeNode} processes: each figure lies where a fake network
 * puts it. A fake node turns ready {@link FakeNode#READY_DELAY_MILLIS} after its first readiness
 * check, holds no connections, and answers every lookup with itself alone.
 */
class NetworkBenchmarkTest {

    private static final int NODES = 2;
    private static final int LOOKUPS = 20;
    private static final int WARMUP = 5;

    @TempDir
    Path scratch;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldMeasurePlausibleFigures() throws IOException {
        NetworkBenchmark benchmark = new NetworkBenchmark(NODES, LOOKUPS, WARMUP, Duration.ofSeconds(1), 1,
                FakeApp.ofFakeNode(scratch), scratch.resolve("work"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        long started = System.nanoTime();

        ObjectNode figures = benchmark.run(new PrintStream(log, true, StandardCharsets.UTF_8));

        double wallMs = (System.nanoTime() - started) / 1e6;
        String all = figures.toString();
        assertEquals(NODES, figures.path("nodes").asInt(), all);
        double allReady = number(figures, "timeToAllReadyMs");
        assertTrue(allReady >= FakeNode.READY_DELAY_MILLIS && allReady <= wallMs, "all ready: " + all);
        assertMedianMax(figures.path("readyAfterListenMs"), FakeNode.READY_DELAY_MILLIS, allReady, all);
        double lateJoin = number(figures, "lateJoinReadyAfterListenMs");
        assertTrue(lateJoin >= FakeNode.READY_DELAY_MILLIS && lateJoin <= wallMs, "late join: " + all);
        assertMinMedianMax(figures.path("connectionsAtReady"), 0, all);
        assertMinMedianMax(figures.path("connectionsPerNode"), 0, all);
        assertLookups(figures.path("findNode"), wallMs, all);
        assertMedianMax(figures.path("rssPerNodeMB"), 8, 1024, all);
        double idleCpu = number(figures, "idleCpuPercentPerNode");
        assertTrue(idleCpu >= 0 && idleCpu <= 100 * Runtime.getRuntime().availableProcessors(), "idle CPU: " + all);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains((NODES + 1) + "/" + (NODES + 1) + " ready"),
                log.toString(StandardCharsets.UTF_8));
    }

    /** Every lookup timed, none counted correct: a fake node knows only itself, not the true k closest. */
    private static void assertLookups(JsonNode findNode, double wallMs, String all) {
        assertEquals(LOOKUPS, findNode.path("lookups").asInt(), all);
        assertEquals(WARMUP, findNode.path("warmup").asInt(), all);
        assertEquals(0, findNode.path("correct").asInt(), "a lookup answered with one node of three is wrong: " + all);
        double mean = number(findNode, "meanMs");
        double p50 = number(findNode, "p50Ms");
        double p99 = number(findNode, "p99Ms");
        assertTrue(p50 >= 0 && p50 <= p99 && mean <= p99 && mean * LOOKUPS <= wallMs, "find_node times: " + all);
    }

    private static void assertMedianMax(JsonNode figure, double least, double most, String all) {
        double median = number(figure, "median");
        double max = number(figure, "max");
        assertTrue(least <= median && median <= max && max <= most,
                "expected " + least + " <= median <= max <= " + most + ": " + all);
    }

    private static void assertMinMedianMax(JsonNode figure, double expected, String all) {
        assertEquals(expected, number(figure, "min"), all);
        assertEquals(expected, number(figure, "median"), all);
        assertEquals(expected, number(figure, "max"), all);
    }

    private static double number(JsonNode figures, String field) {
        JsonNode value = figures.path(field);
        assertTrue(value.isNumber(), field + " should be a number in " + figures);
        return value.asDouble();
    }
}
