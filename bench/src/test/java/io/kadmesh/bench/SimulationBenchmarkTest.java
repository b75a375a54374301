package io.kadmesh.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@link SimulationBenchmark}: one JSON line, one object per network size, plausible figures. */
class SimulationBenchmarkTest {

    private static final int LOOKUPS = 20;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldPrintPlausibleFiguresForEachSize() throws Exception {
        String line = new SimulationBenchmark(List.of(8, 30), LOOKUPS, 7, true).run();

        assertFalse(line.contains("\n"), "one line: " + line);
        JsonNode runs = new ObjectMapper().readTree(line).path("simulation");
        assertEquals(2, runs.size(), line);
        assertEquals(8, runs.get(0).path("nodes").asInt(), line);
        assertEquals(30, runs.get(1).path("nodes").asInt(), line);
        for (JsonNode run : runs) {
            assertEquals("3-8", run.path("links").asText(), "a live node's default link bounds: " + run);
            assertEquals(0, run.path("failedJoins").asInt(), "a small lossless network joins fully: " + run);
            assertEquals(LOOKUPS, run.path("lookups").asInt(), run.toString());
            assertEquals(LOOKUPS, run.path("correctLookups").asInt(), "every lookup finds the true closest: " + run);
            double meanHops = run.path("meanHops").asDouble();
            assertTrue(meanHops <= run.path("p99Hops").asInt() && run.path("p99Hops").asInt() <= run.path("maxHops")
                    .asInt(), "hops: " + run);
            assertTrue(run.path("meanLookupMillisSimulated").asDouble() > 0, "messages take 1-5 ms each way: " + run);
            assertTrue(run.path("events").asLong() > 0 && run.path("heapUsedMB").asDouble() > 0, run.toString());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldSayWhenLinksWereLeftUnbounded() throws Exception {
        JsonNode run = new ObjectMapper().readTree(new SimulationBenchmark(List.of(8), LOOKUPS, 7, false).run())
                .path("simulation").get(0);

        assertEquals("unbounded", run.path("links").asText(), run.toString());
        assertEquals(LOOKUPS, run.path("correctLookups").asInt(), run.toString());
    }

    @Test
    void shouldRejectSizesAndLookupsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new SimulationBenchmark(List.of(1), LOOKUPS, 1, true));
        assertThrows(IllegalArgumentException.class, () -> new SimulationBenchmark(List.of(), LOOKUPS, 1, true));
        assertThrows(IllegalArgumentException.class, () -> new SimulationBenchmark(List.of(10), 0, 1, true));
    }
}
