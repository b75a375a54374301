package io.kadmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.kadmesh.localnet.FakeApp;
import picocli.CommandLine;

/** {@code kadmesh local-network} refuses bad arguments with exit code 2 before starting anything. */
class LocalNetworkCommandTest {

    @TempDir
    Path scratch;

    @Test
    void shouldRejectANodeCountOutsideThreeToThirtyTwo() {
        assertRejected("--nodes must be between 3 and 32 (a node is ready with 3 peers), got 2", "--nodes", "2");
        assertRejected("--nodes must be between 3 and 32 (a node is ready with 3 peers), got 33", "--nodes", "33");
    }

    @Test
    void shouldRejectAnAppDirWithoutTheJar() {
        assertRejected("--app-dir: appDir must contain quarkus-run.jar", "--app-dir", scratch.toString());
    }

    @Test
    void shouldRejectAnAppDirWithoutTheLauncher() throws IOException {
        Path appDir = Files.createDirectories(scratch.resolve("app"));
        Files.writeString(appDir.resolve("quarkus-run.jar"), "");

        assertRejected("--app-dir: appDir must contain the executable launcher bin/kadmesh", "--app-dir", appDir.toString());
    }

    @Test
    void shouldRejectAWorkDirThatIsAFile() throws IOException {
        Path appDir = Files.createDirectories(scratch.resolve("app"));
        Files.writeString(appDir.resolve("quarkus-run.jar"), "");
        FakeApp.addLauncher(appDir);
        Path file = Files.writeString(scratch.resolve("file"), "");

        assertRejected("--work-dir must be a directory", "--app-dir", appDir.toString(), "--work-dir", file.toString());
    }

    @Test
    void shouldRejectNoAppDirWhenNotRunFromTheJar() {
        assertRejected("--app-dir: this process does not run from quarkus-run.jar", "--nodes", "3");
    }

    private static void assertRejected(String expected, String... args) {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new LocalNetworkCommand()).setErr(new PrintWriter(err));

        int exitCode = command.execute(args);

        assertEquals(2, exitCode, err.toString());
        assertTrue(err.toString().contains(expected), "expected '" + expected + "' in:\n" + err);
    }
}
