package io.kadmesh.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.it.harness.JarProcess;
import io.kadmesh.it.harness.PackagedApp;

/**
 * A node whose existing key file its group or others may read refuses to start, naming the file, the
 * mode it found and the fix. Before, it started with the exposed key.
 */
class KeyFilePermissionsIT {

    @Test
    @Timeout(value = 70, unit = TimeUnit.SECONDS)
    void serveRefusesAKeyFileThatOthersCanRead() throws Exception {
        Path dir = PackagedApp.runDir("it-key-file");
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path keyFile = dir.resolve("node.key");
        NodeIdentity.loadOrCreate(keyFile);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        JarProcess.Result serve = JarProcess.run(PackagedApp.dir(), dir.resolve("serve"), Duration.ofSeconds(60),
                List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=0",
                        "-Dkadmesh.identity.key-file=" + keyFile),
                List.of("serve"));

        assertNotEquals(0, serve.exitCode(), serve.output());
        String expected = "node key file " + keyFile + " has mode 644 (rw-r--r--)";
        assertTrue(serve.output().contains(expected), "should say: " + expected + "\n" + serve.output());
        assertTrue(serve.output().contains("chmod 600 " + keyFile), serve.output());
    }
}
