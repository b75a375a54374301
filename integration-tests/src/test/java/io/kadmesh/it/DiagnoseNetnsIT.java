package io.kadmesh.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kadmesh.it.harness.JarProcess;
import io.kadmesh.it.harness.NodeClient;
import io.kadmesh.it.harness.PackagedApp;
import io.kadmesh.localnet.LocalNetwork;
import io.kadmesh.localnet.NodeProcess;

/**
 * {@code kadmesh diagnose} checks the WebRTC path for real: two throwaway peers with webrtc-java signal
 * through the bootstrap and open a DataChannel. With ICE blocked (the namespace's veth pair, the only
 * interface libwebrtc gathers candidates on, taken down), the diagnosis names it, "ICE failed, no
 * candidate pair: traffic is on the WebSocket relay", while the relay it checked carries the data. A
 * node whose own WebRTC transport runs (the browser tests switch it on) checks the path from inside,
 * in {@code GET /api/diagnostics}. Runs in a private network namespace ({@code integration-tests/netns/bin/java}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiagnoseNetnsIT {

    private static final int NODES = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The veth pair of {@code netns/bin/java}. */
    private static final List<String> VETH = List.of("kadmesh0", "kadmesh1");

    private LocalNetwork network;
    private Path runDir;

    @BeforeAll
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void start() {
        runDir = PackagedApp.runDir("it-diagnose");
        network = LocalNetwork.start(PackagedApp.dir(), runDir, NODES);
        network.awaitReady(Duration.ofSeconds(120), System.out::println);
    }

    @AfterAll
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void stop() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aDataChannelSignaledThroughTheBootstrapOpensAndCarriesTheData() throws IOException {
        JsonNode report = diagnose(0);

        JsonNode webrtc = step(report, "webrtc");
        assertEquals("passed", webrtc.path("outcome").asText(), report.toPrettyString());
        assertTrue(webrtc.path("detail").asText().contains("intact and in order"), webrtc.toString());
        assertTrue(webrtc.path("detail").asText().contains("a DataChannel to the node itself carried 4 requests"),
                "the node's own WebRTC manager answered over a DataChannel: " + webrtc);
        System.out.println("DiagnoseNetnsIT: WebRTC path checked in " + webrtc.path("ms") + " ms, the whole diagnosis in "
                + report.path("durationMs") + " ms");
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void blockedIceIsNamedAndTheRelayCarriesTheTraffic() throws IOException {
        JsonNode report;
        links("down");
        try {
            report = diagnose(1);
        } finally {
            links("up");
        }

        JsonNode path = bootstrapPeerPath(report);
        assertEquals("webrtc", path.path("failedStep").asText(), report.toPrettyString());
        assertTrue(path.path("cause").asText().startsWith("ICE failed, no candidate pair: traffic is on the WebSocket"
                + " relay"), path.path("cause").asText());
        assertEquals("passed", step(report, "flow").path("outcome").asText(), "the relay carried the data");
        assertTrue(report.path("verdict").asText().contains("ICE failed"), report.path("verdict").asText());
        System.out.println("DiagnoseNetnsIT: with ICE blocked, " + path.path("cause").asText());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aNodeWhoseWebRtcTransportRunsChecksThePathFromInside() {
        JsonNode report = NodeClient.of(network.node(0)).diagnostics();

        JsonNode webrtc = step(report, "webrtc");
        assertEquals("passed", webrtc.path("outcome").asText(), report.toPrettyString());
        assertTrue(webrtc.path("detail").asText().contains("intact and in order"), webrtc.toString());
        assertTrue(webrtc.path("detail").asText().contains("a DataChannel to the node itself carried 4 requests"),
                "the node's own WebRTC manager answered over a DataChannel: " + webrtc);
        assertTrue(report.path("healthy").asBoolean(), report.toPrettyString());
        System.out.println("DiagnoseNetnsIT: the node checked the WebRTC path in " + webrtc.path("ms") + " ms");
    }

    /** Runs the CLI against the bootstrap and a node; the report, after checking the exit status. */
    private JsonNode diagnose(int expectedExit) throws IOException {
        List<String> args = new ArrayList<>(List.of("diagnose", "--json", "--step-timeout", "4s", "--timeout", "15s",
                "--bootstrap", network.bootstrap().spec().onboardingUrl()));
        NodeProcess node = network.node(0);
        args.addAll(List.of("--node", node.restUrl()));
        JarProcess.Result result = JarProcess.run(PackagedApp.dir(), runDir.resolve("cli"), Duration.ofSeconds(60),
                List.of(), args);
        assertEquals(expectedExit, result.exitCode(), result.output());
        return JSON.readTree(result.stdout());
    }

    private static JsonNode bootstrapPeerPath(JsonNode report) {
        return report.path("paths").get(1);
    }

    private static JsonNode step(JsonNode report, String name) {
        for (JsonNode step : bootstrapPeerPath(report).path("steps")) {
            if (step.path("step").asText().equals(name)) {
                return step;
            }
        }
        throw new AssertionError("no step " + name + " in " + report.toPrettyString());
    }

    /** Takes the namespace's veth pair down or up: with it down, libwebrtc has no interface for candidates. */
    private static void links(String state) {
        for (String link : VETH) {
            try {
                Process ip = new ProcessBuilder("ip", "link", "set", link, state).redirectErrorStream(true).start();
                String output = new String(ip.getInputStream().readAllBytes());
                assertTrue(ip.waitFor(10, TimeUnit.SECONDS) && ip.exitValue() == 0, "ip link set " + link + " " + state
                        + ": " + output);
            } catch (IOException e) {
                throw new AssertionError("could not run ip", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
