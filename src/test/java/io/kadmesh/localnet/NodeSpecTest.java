package io.kadmesh.localnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@link NodeSpec} and the {@link NodeCommand} built from it. */
class NodeSpecTest {

    private static final Path DIR = Path.of("/tmp/kadmesh/node-01");
    private static final List<String> BOOTSTRAPS = List.of("ws://127.0.0.1:9000/bootstrap");

    @Test
    void shouldDescribeTheNodeWithTheContractsProperties() {
        NodeSpec spec = new NodeSpec("node-01", NodeRole.NODE, 9001, DIR, BOOTSTRAPS);

        assertEquals(Map.of("quarkus.http.host", "127.0.0.1", "quarkus.http.port", "9001", "kadmesh.role", "node",
                "kadmesh.advertised-url", "ws://127.0.0.1:9001/dht", "kadmesh.bootstrap.urls",
                "ws://127.0.0.1:9000/bootstrap", "kadmesh.identity.key-file", DIR.resolve("node.key").toString(),
                "kadmesh.connections.min", "3", "kadmesh.connections.max", "8"), spec.properties());
        assertEquals("http://127.0.0.1:9001", spec.restUrl());
        assertEquals(DIR.resolve("node.log"), spec.logFile());
    }

    @Test
    void shouldGiveABootstrapAnEmptyBootstrapList() {
        NodeSpec spec = new NodeSpec("bootstrap", NodeRole.BOOTSTRAP, 9000, DIR, List.of());

        assertEquals("", spec.properties().get("kadmesh.bootstrap.urls"));
        assertEquals("bootstrap", spec.properties().get("kadmesh.role"));
        assertEquals("ws://127.0.0.1:9000/bootstrap", spec.onboardingUrl());
    }

    @Test
    void shouldRejectWhatCannotRun() {
        assertMessage("port", () -> new NodeSpec("n", NodeRole.NODE, 0, DIR, BOOTSTRAPS));
        assertMessage("port", () -> new NodeSpec("n", NodeRole.NODE, 65_536, DIR, BOOTSTRAPS));
        assertMessage("name", () -> new NodeSpec(" ", NodeRole.NODE, 9001, DIR, BOOTSTRAPS));
        assertMessage("bootstrapUrls", () -> new NodeSpec("n", NodeRole.NODE, 9001, DIR, List.of()));
        assertThrows(NullPointerException.class, () -> new NodeSpec("n", NodeRole.NODE, 9001, null, BOOTSTRAPS));
    }

    @Test
    void shouldStartTheLauncherWithThePropertiesInJavaOpts() {
        NodeSpec spec = new NodeSpec("node-01", NodeRole.NODE, 9001, DIR, BOOTSTRAPS);

        ProcessBuilder launch = NodeCommand.of(Path.of("/jdk/bin/java"), Path.of("/app"), spec);

        assertEquals(List.of("/app/bin/kadmesh", "serve"), launch.command());
        assertEquals("/jdk/bin/java", launch.environment().get("JAVA"));
        List<String> javaOpts = List.of(launch.environment().get("JAVA_OPTS").split(" "));
        assertTrue(javaOpts.contains("-Dquarkus.http.port=9001"), javaOpts.toString());
        assertTrue(javaOpts.contains("-Dkadmesh.bootstrap.urls=ws://127.0.0.1:9000/bootstrap"), javaOpts.toString());
        assertTrue(NodeCommand.currentJava().toFile().canExecute(), "the current java should be found");
    }

    @Test
    void shouldPassFurtherSettingsButNotOverTheSpecsOwn() {
        NodeSpec spec = new NodeSpec("node-01", NodeRole.NODE, 9001, DIR, BOOTSTRAPS);

        ProcessBuilder launch = NodeCommand.of(Path.of("/jdk/bin/java"), Path.of("/app"), spec,
                Map.of("kadmesh.pubsub.fan-out", "4"));

        List<String> javaOpts = List.of(launch.environment().get("JAVA_OPTS").split(" "));
        assertTrue(javaOpts.contains("-Dkadmesh.pubsub.fan-out=4"), javaOpts.toString());
        IllegalArgumentException clash = assertThrows(IllegalArgumentException.class, () -> NodeCommand.of(
                Path.of("/jdk/bin/java"), Path.of("/app"), spec, Map.of("quarkus.http.port", "9100")));
        assertTrue(clash.getMessage().contains("quarkus.http.port"), clash.getMessage());
    }

    @Test
    void shouldRefuseAJvmArgumentThatJavaOptsCannotCarry() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> NodeCommand.ofLauncher(Path.of("/jdk/bin/java"), Path.of("/app"),
                        List.of("-Dkadmesh.identity.key-file=/a dir/node.key"), List.of("serve")));
        assertTrue(failure.getMessage().contains("whitespace"), failure.getMessage());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable construction) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, construction);
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
    }
}
