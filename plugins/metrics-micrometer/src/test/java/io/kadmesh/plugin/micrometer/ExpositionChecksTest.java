package io.kadmesh.plugin.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.plugin.micrometer.PrometheusParser.Run;
import io.kadmesh.plugin.micrometer.PrometheusParser.Sample;

/**
 * The checks of {@link MetricsExpositionTest} can fail: the parser refuses malformed exposition text,
 * and the label bounds refuse a series cut by a peer id or by a label no one allowed.
 */
@Timeout(60)
class ExpositionChecksTest {

    private static final String PEER_ID = "3f9a1c0be47d5a2e8c6b19f0d3a7e5c2b8f41d6a";
    private static final BoundedLabels BOUNDS = BoundedLabels.of(List.of("websocket"), "none", "default");

    @Test
    void mustParseWellFormedTextIntoItsSamples() {
        List<Sample> samples = PrometheusParser.parse("""
                # HELP kadmesh_messages_total Peer-protocol frames
                # TYPE kadmesh_messages_total counter
                kadmesh_messages_total{direction="in",transport="websocket",type="find_node",} 3.0
                # HELP kadmesh_rpc_seconds Requests
                # TYPE kadmesh_rpc_seconds histogram
                kadmesh_rpc_seconds_bucket{outcome="ok",type="ping",le="0.001"} 1
                kadmesh_rpc_seconds_bucket{outcome="ok",type="ping",le="+Inf"} 2
                kadmesh_rpc_seconds_count{outcome="ok",type="ping"} 2
                kadmesh_rpc_seconds_sum{outcome="ok",type="ping"} 0.0031
                """);

        assertEquals(new Sample("kadmesh_messages_total",
                Map.of("direction", "in", "transport", "websocket", "type", "find_node"), 3.0), samples.get(0));
        assertEquals(5, samples.size(), samples::toString);
        assertEquals(List.of(), BOUNDS.violations(samples));
    }

    @Test
    void mustRefuseMalformedText() {
        for (String malformed : List.of("""
                # TYPE kadmesh_node_ready gauge
                kadmesh_node_ready not-a-number
                """, """
                # TYPE kadmesh_messages_total counter
                kadmesh_messages_total{direction="in" 1.0
                """, """
                # TYPE kadmesh_metrics_enabled gauge
                kadmesh_metrics_enabled_typo 1.0
                """, """
                # TYPE kadmesh_node_ready gauge
                kadmesh_node_ready 1.0
                kadmesh_node_ready 0.0
                """, "# TYPE kadmesh_node_ready gauge\nkadmesh_node_ready 1.0")) {
            Run run = PrometheusParser.run(malformed);

            assertNotEquals(0, run.exitCode(), "parsed:\n" + malformed + "\nas:\n" + run.out());
            assertTrue(run.err().startsWith("parse error: "), run.err());
            assertEquals("", run.out(), "no sample of a text that does not parse");
        }
    }

    @Test
    void mustRefuseASeriesCutByAPeerId() {
        List<Sample> samples = PrometheusParser.parse("""
                # TYPE kadmesh_messages_total counter
                kadmesh_messages_total{direction="in",transport="websocket",type="ping"} 1.0
                kadmesh_messages_total{direction="in",transport="websocket",type="%s"} 1.0
                """.formatted(PEER_ID));

        List<String> violations = BOUNDS.violations(samples);

        assertEquals(1, violations.size(), violations::toString);
        assertTrue(violations.get(0).contains("type=\"" + PEER_ID + "\" is not one of"), violations.get(0));
    }

    @Test
    void mustRefuseALabelNoOneAllowedAndAnyValueOutsideItsSet() {
        List<String> violations = BOUNDS.violations(List.of(
                new Sample("kadmesh_transfer_bytes_total", Map.of("direction", "in", "peer", PEER_ID), 1),
                new Sample("kadmesh_connections", Map.of("direction", "sideways", "transport", "websocket"), 1),
                new Sample("kadmesh_config_info", Map.of("commit", PEER_ID, "profile", "default"), 1),
                new Sample("kadmesh_lookup_hops_count", Map.of("le", "1.0"), 1),
                new Sample("kadmesh_lookup_hops_bucket", Map.of("le", PEER_ID), 1),
                new Sample("jvm_threads_live_threads", Map.of("peer", PEER_ID), 1)));

        assertEquals(5, violations.size(), violations::toString);
        assertTrue(violations.get(0).contains("label peer is not one of"), violations.get(0));
        assertTrue(violations.get(1).contains("direction=\"sideways\""), violations.get(1));
        assertTrue(violations.get(2).contains("commit=\"" + PEER_ID + "\""), violations.get(2));
        assertTrue(violations.get(3).contains("only on a _bucket sample"), violations.get(3));
        assertTrue(violations.get(4).contains("le is a number"), violations.get(4));
    }
}
