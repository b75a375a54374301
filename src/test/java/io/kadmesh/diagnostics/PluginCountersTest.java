package io.kadmesh.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
