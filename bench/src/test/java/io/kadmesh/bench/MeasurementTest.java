package io.kadmesh.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link Sample} figures and {@link ProcessMetrics} read from {@code /proc}. */
class MeasurementTest {

    @Test
    void shouldComputeMedianAndNearestRankPercentiles() {
        Sample sample = Sample.of(List.of(4, 1, 3, 2));

        assertEquals(1, sample.min());
        assertEquals(4, sample.max());
        assertEquals(2.5, sample.mean());
        assertEquals(2.5, sample.median());
        assertEquals(2, sample.percentile(50));
        assertEquals(4, sample.percentile(99));
        assertEquals(3, Sample.of(5, 3, 1).median());
        assertThrows(IllegalArgumentException.class, () -> Sample.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> sample.percentile(0));
    }

    @Test
    void shouldReadMemoryAndCpuOfThisProcess() {
        long pid = ProcessHandle.current().pid();

        assertTrue(ProcessMetrics.rssKb(pid) > 1024, "a JVM uses more than 1 MB");
        long pss = ProcessMetrics.pssKb(pid);
        assertTrue(pss > 1024 && pss <= ProcessMetrics.rssKb(pid) + 1024, "PSS of a JVM, at most its RSS: " + pss);
        assertTrue(ProcessMetrics.cpuTicks(pid) > 0, "a running JVM has used CPU");
    }
}
