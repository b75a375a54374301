package io.kadmesh.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.it.harness.JarProcess;
import io.kadmesh.it.harness.PackagedApp;
import io.kadmesh.localnet.LoopbackPorts;

/**
 * Only {@code serve} starts an HTTP server: every other command line of the packaged jar runs,
 * answers and exits without one. Each runs with {@code quarkus.http.port} set to a port this test
 * holds, and with Quarkus logging at INFO: a command that started an HTTP server would fail to bind
 * it (exit code 1) or, on another port, log "Listening on". {@link #serveFailsOnTheHeldPort()}
 * shows that the held port does catch a server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandsBindNoPortIT {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private ServerSocket held;
    private Path runDir;

    @BeforeAll
    void holdAPort() throws IOException {
        runDir = PackagedApp.runDir("it-commands");
        held = new ServerSocket(0, 1, LoopbackPorts.LOOPBACK);
    }

    @AfterAll
    void releaseThePort() throws IOException {
        held.close();
    }

    @Test
    @Timeout(value = 70, unit = TimeUnit.SECONDS)
    void helpListsTheCommands() {
        JarProcess.Result help = runWithoutServer("help", 0, "--help");

        assertTrue(help.stdout().contains("Usage: kadmesh") && help.stdout().contains("serve")
                && help.stdout().contains("local-network"), help.output());
    }

    @Test
    @Timeout(value = 70, unit = TimeUnit.SECONDS)
    void versionNamesTheBuild() {
        JarProcess.Result version = runWithoutServer("version", 0, "--version");

        assertTrue(version.stdout().matches("(?s)kadmesh \\d+\\.\\d+\\.\\d+.*"), version.output());
    }

    @Test
    @Timeout(value = 70, unit = TimeUnit.SECONDS)
    void serveHelpDescribesServing() {
        JarProcess.Result help = runWithoutServer("serve-help", 0, "serve", "--help");

        assertTrue(help.stdout().contains("Usage: kadmesh serve"), help.output());
    }

    @Test
    @Timeout(value = 70, unit = TimeUnit.SECONDS)
    void localNetworkHelpListsItsOptions() {
        JarProcess.Result help = runWithoutServer("local-network-help", 0, "local-network", "--help");

        assertTrue(help.stdout().contains("Usage: kadmesh local-network") && help.stdout().contains("--nodes"),
                help.output());
    }

    @Test
    @Timeout(value = 70, unit = TimeUnit.SECONDS)
    void localNetworkRefusesZeroNodes() {
        JarProcess.Result refused = runWithoutServer("local-network-zero", 2, "local-network", "--nodes", "0");

        assertTrue(refused.stderr().contains("--nodes must be between 3 and 32"), refused.output());
    }

    @Test
    @Timeout(value = 70, unit = TimeUnit.SECONDS)
    void anUnknownCommandIsRefused() {
        JarProcess.Result refused = runWithoutServer("unknown", 2, "bogus");

        assertTrue(refused.stderr().contains("Unmatched argument at index 0: 'bogus'"), refused.output());
    }

    /** The control: {@code serve} does start an HTTP server, and so cannot start on the held port. */
    @Test
    @Timeout(value = 70, unit = TimeUnit.SECONDS)
    void serveFailsOnTheHeldPort() {
        JarProcess.Result serve = run("serve", "serve");

        assertNotEquals(0, serve.exitCode(), serve.output());
        assertTrue(serve.output().contains(Integer.toString(held.getLocalPort())), serve.output());
    }

    private JarProcess.Result runWithoutServer(String name, int expectedExitCode, String... args) {
        JarProcess.Result result = run(name, args);
        assertEquals(expectedExitCode, result.exitCode(), result.output());
        assertFalse(result.output().contains("Listening on"), "no HTTP server should start:\n" + result.output());
        return result;
    }

    private JarProcess.Result run(String name, String... args) {
        List<String> flags = List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + held.getLocalPort(),
                "-Dquarkus.log.level=INFO", "-Dkadmesh.identity.key-file=" + runDir.resolve(name).resolve("node.key"));
        return JarProcess.run(PackagedApp.dir(), runDir.resolve(name), COMMAND_TIMEOUT, flags, List.of(args));
    }
}
