package io.kadmesh.it;

import static io.kadmesh.it.harness.BrowserNetwork.connections;
import static io.kadmesh.it.harness.BrowserNetwork.evaluate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;

import io.kadmesh.it.harness.BrowserNetwork;
import io.kadmesh.it.harness.JarProcess;
import io.kadmesh.it.harness.NodeClient;
import io.kadmesh.it.harness.PackagedApp;
import io.kadmesh.localnet.LocalNetwork;
import io.kadmesh.localnet.NodeProcess;

/**
 * A network whose nodes have the WebRTC transport switched on ({@code kadmesh.transport.webrtc.enabled},
 * as in every browser test) but cannot load its native library: the packaged application with the
 * library's jar for this platform emptied, as on a platform it was not built for. Every node becomes
 * ready on WebSocket and logs why WebRTC is unavailable; a page joins and is told, when it asks a node
 * for a DataChannel, that the node takes none. Runs in a private network namespace.
 */
class WebRtcUnavailableBrowserIT {

    private static final String NATIVE_JAR = "dev.onvoid.webrtc.webrtc-java-0.14.0-linux-x86_64.jar";

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void nodesWithoutTheNativeLibraryStayReadyOnWebSocketAndSayWhy() throws Exception {
        Path runDir = PackagedApp.runDir("it-webrtc-unavailable");
        Path app = withoutNativeLibrary(PackagedApp.dir(), runDir.resolve("app"));
        try (BrowserNetwork browsers = BrowserNetwork.start(app, runDir.resolve("nodes"), 3)) {
            LocalNetwork network = browsers.network();
            for (NodeProcess node : network.members()) {
                String log = Files.readString(node.spec().logFile());
                assertTrue(log.contains("transport webrtc is unavailable: webrtc-java has no native library for this"
                        + " platform: libwebrtc-java-linux-x86_64.so is not on the class path"),
                        node.name() + " says why WebRTC is unavailable: " + node.logTail(20));
            }

            Page page = browsers.joinedPage(network.bootstrap());
            page.evaluate("async () => { await window.kadmesh.homeNodeChannels; }");
            JsonNode refusals = evaluate(page, "async () => JSON.stringify(window.kadmesh.nodeDataChannelErrors())",
                    null);
            assertEquals(3, refusals.size(), "the page tried its 3 home nodes: " + refusals);
            refusals.forEach(why -> assertTrue(why.asText().contains("this node takes no WebRTC DataChannels"),
                    why.asText()));
            assertTrue(connections(page).stream().allMatch(link -> link.path("transport").asText().equals("websocket")),
                    "the page stays on WebSocket: " + connections(page));

            assertDiagnosisSaysTheNodeTakesNoDataChannels(network, runDir.resolve("cli"));

            String bootstrapId = NodeClient.of(network.bootstrap()).node().nodeId();
            try {
                page.evaluate("async n => window.kadmesh.connectNode(n)", bootstrapId);
                fail("a node without WebRTC opened a DataChannel");
            } catch (PlaywrightException refused) {
                assertTrue(refused.getMessage().contains("this node takes no WebRTC DataChannels"), refused.getMessage());
            }
        }
    }

    /**
     * {@code kadmesh diagnose}, run from the whole application, opens a DataChannel between its own two
     * peers through the bootstrap, and is told that the bootstrap itself takes none: its WebRTC manager is
     * missing, which the step reports without failing, since the bootstrap was not to have one.
     */
    private static void assertDiagnosisSaysTheNodeTakesNoDataChannels(LocalNetwork network, Path workDir)
            throws IOException {
        JarProcess.Result result = JarProcess.run(PackagedApp.dir(), workDir, Duration.ofSeconds(60), List.of(),
                List.of("diagnose", "--json", "--step-timeout", "4s", "--timeout", "15s", "--bootstrap",
                        network.bootstrap().spec().onboardingUrl()));
        assertEquals(0, result.exitCode(), result.output());
        JsonNode report = new ObjectMapper().readTree(result.stdout());
        String webrtc = "";
        for (JsonNode step : report.path("paths").get(1).path("steps")) {
            if (step.path("step").asText().equals("webrtc")) {
                webrtc = step.path("detail").asText();
            }
        }
        assertTrue(webrtc.contains("the node takes no DataChannels itself (this node takes no WebRTC DataChannels"),
                webrtc);
    }

    /**
     * {@code target}: the packaged application {@code appDir}, its files linked, but with the jar of
     * webrtc-java's native library replaced by an empty one. The launcher and {@code quarkus-run.jar}
     * are copies: the runner finds the libraries beside the jar's own path, which a link would resolve
     * to the original.
     */
    private static Path withoutNativeLibrary(Path appDir, Path target) throws IOException {
        Path source = appDir.toAbsolutePath().normalize();
        linkAllBut(source, target, "lib");
        linkAllBut(source.resolve("lib"), target.resolve("lib"), "main");
        linkAllBut(source.resolve("lib/main"), target.resolve("lib/main"), NATIVE_JAR);
        try (OutputStream out = Files.newOutputStream(target.resolve("lib/main").resolve(NATIVE_JAR));
                ZipOutputStream empty = new ZipOutputStream(out)) {
            empty.finish();
        }
        return target;
    }

    private static void linkAllBut(Path from, Path to, String except) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> entries = Files.list(from)) {
            for (Path entry : entries.filter(entry -> !entry.getFileName().toString().equals(except)).toList()) {
                if (entry.getFileName().toString().equals("quarkus-run.jar")) {
                    Files.copy(entry, to.resolve("quarkus-run.jar"));
                } else if (entry.getFileName().toString().equals("bin")) {
                    Files.createDirectories(to.resolve("bin"));
                    try (Stream<Path> files = Files.list(entry)) {
                        for (Path file : files.toList()) {
                            Files.copy(file, to.resolve("bin").resolve(file.getFileName()));
                        }
                    }
                } else {
                    Files.createSymbolicLink(to.resolve(entry.getFileName().toString()), entry);
                }
            }
        }
    }
}
