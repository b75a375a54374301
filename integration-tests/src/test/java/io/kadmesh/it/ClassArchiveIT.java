package io.kadmesh.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.it.harness.Await;
import io.kadmesh.it.harness.JarProcess;
import io.kadmesh.it.harness.PackagedApp;

/**
 * The class archive the build records ({@code bin/kadmesh archive-classes} in the package phase) is one
 * the JVM accepts: a node the launcher starts from the packaged application maps it, which the JVM does
 * only for an archive made by this java for this application directory. And
 * {@code kadmesh.exit-after-start}, which the recording start runs with, ends {@code serve} with 0 once
 * the node has started.
 */
class ClassArchiveIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aNodeTheLauncherStartsMapsTheClassArchiveOfTheBuild() throws IOException {
        Path archive = PackagedApp.dir().resolve("kadmesh.jsa").toAbsolutePath().normalize();
        assertTrue(Files.size(archive) > 0, archive + " should hold the classes of a start");
        Path runDir = PackagedApp.runDir("it-class-archive");
        JarProcess node = JarProcess.start(PackagedApp.dir(), runDir, flags(runDir, false), List.of("serve"));
        try {
            Await.until("the node to listen", START_TIMEOUT, () -> node.outputSoFar().contains("Listening on"),
                    node::outputSoFar);
            String maps = Files.readString(Path.of("/proc", Long.toString(node.process().pid()), "maps"));
            assertTrue(maps.contains(archive.toString()), "the node should map " + archive);
        } finally {
            node.kill();
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void exitAfterStartEndsServeOnceTheNodeHasStarted() {
        Path runDir = PackagedApp.runDir("it-exit-after-start");

        JarProcess.Result serve = JarProcess.run(PackagedApp.dir(), runDir, START_TIMEOUT, flags(runDir, true),
                List.of("serve"));

        assertEquals(0, serve.exitCode(), serve.output());
        assertTrue(serve.output().contains("Listening on"), serve.output());
        assertFalse(serve.output().contains("ERROR"), serve.output());
    }

    private static List<String> flags(Path runDir, boolean exitAfterStart) {
        return List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=0", "-Dquarkus.log.level=INFO",
                "-Dkadmesh.role=bootstrap", "-Dkadmesh.exit-after-start=" + exitAfterStart,
                "-Dkadmesh.identity.key-file=" + runDir.resolve("node.key"));
    }
}
