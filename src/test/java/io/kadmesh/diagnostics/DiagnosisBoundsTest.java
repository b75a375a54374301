package io.kadmesh.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A diagnosis keeps within its total bound even when every wait would run to the step timeout: a port
 * that takes connections and never answers (its listener never accepts; the kernel completes the
 * connections) holds both a path and the read of the node's state.
 */
@Timeout(30)
class DiagnosisBoundsTest {

    /** A step may wait as long as the whole run: the total must cut the last waits short. */
    private static final Bounds SHORT_TOTAL = new Bounds(Duration.ofMillis(1200), Duration.ofMillis(1200));

    @Test
    void aSilentPortAndItsSilentRestApiAreReportedWithinTheTotalBound() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Endpoint node = Endpoint.parse(Endpoint.Role.NODE, "ws://127.0.0.1:" + silent.getLocalPort() + "/dht");

            DiagnosisReport report = new Diagnosis(List.of(node), SHORT_TOTAL, true, "not asked for").run();

            assertTrue(report.durationMs() <= SHORT_TOTAL.total().toMillis(), report.durationMs() + " ms: " + report.table());
            Finding finding = report.paths().get(0).finding();
            assertNotNull(finding, report.toString());
            assertEquals(Step.UPGRADE, finding.step(), finding.toString());
            NodeReport state = report.nodes().get(0);
            assertTrue(state.problem().contains("did not answer within"), state.problem());
            assertTrue(report.table().contains("bounded at 1200 ms a step, 1200 ms in all"), report.table());
        }
    }
}
