package io.kadmesh.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The metrics plugin's switch and byte counters read from a Prometheus page as a node serves it. */
class PluginCountersTest {

    @Test
    void sumsTheBytesOfEveryTransportByDirection() {
        String page = """
                # HELP kadmesh_metrics_enabled 1 while the node calls the plugin
                # TYPE kadmesh_metrics_enabled gauge
                kadmesh_metrics_enabled 1.0
                # TYPE kadmesh_transfer_bytes_total counter
                kadmesh_transfer_bytes_total{direction="in",transport="websocket"} 1200.0
                kadmesh_transfer_bytes_total{direction="out",transport="websocket"} 340.0
                kadmesh_transfer_bytes_total{direction="in",transport="webrtc"} 5.0
                kadmesh_transfer_bytes_total_created{direction="in",transport="websocket"} 1.7E9
                kadmesh_messages_total{direction="in",transport="websocket",type="ping"} 99.0
                """;

        assertEquals(new PluginCounters(true, 1205, 340), PluginCounters.parse(page));
    }

    @Test
    void readsTheSwitchOffAndNoCountersYetAsZero() {
        assertEquals(new PluginCounters(false, 0, 0), PluginCounters.parse("kadmesh_metrics_enabled 0.0\n"));
    }

    @Test
    void aPageWithoutTheSwitchIsNoSample() {
        assertNull(PluginCounters.parse("<!doctype html><html>not metrics</html>"));
    }

    @Test
    void countersThatStandStillWithMetricsOffAreRightAndOnesThatMoveAreNot() {
        PluginCounters before = new PluginCounters(false, 500, 700);

        assertTrue(before.movedTo(new PluginCounters(false, 500, 700), 120, 80).right());
        PluginCounters.Movement moved = before.movedTo(new PluginCounters(false, 501, 700), 120, 80);
        assertFalse(moved.right());
        assertTrue(moved.text().contains("metrics are off, but the metrics plugin's transfer counters moved by 1 bytes in"),
                moved.text());
    }

    @Test
    void countersWithMetricsOnMustMoveByAtLeastTheFlow() {
        PluginCounters before = new PluginCounters(true, 500, 700);

        assertTrue(before.movedTo(new PluginCounters(true, 620, 780), 120, 80).right(), "exactly the flow");
        assertTrue(before.movedTo(new PluginCounters(true, 900, 900), 120, 80).right(), "the flow and others'");
        PluginCounters.Movement shortOfTheFlow = before.movedTo(new PluginCounters(true, 619, 780), 120, 80);
        assertFalse(shortOfTheFlow.right());
        assertTrue(shortOfTheFlow.text().contains("it misses traffic"), shortOfTheFlow.text());
        assertFalse(before.movedTo(new PluginCounters(true, 620, 779), 120, 80).right(), "one byte out missing");
    }

    @Test
    void samplesAcrossASwitchAreNotCompared() {
        PluginCounters.Movement switched = new PluginCounters(true, 0, 0).movedTo(new PluginCounters(false, 9, 9), 1, 1);

        assertTrue(switched.right());
        assertTrue(switched.text().contains("not compared"), switched.text());
    }
}
