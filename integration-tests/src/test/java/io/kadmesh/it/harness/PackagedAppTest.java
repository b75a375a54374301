package io.kadmesh.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.kadmesh.localnet.FakeApp;
import io.kadmesh.localnet.NodeCommand;

/**
 * {@link PackagedApp#withJvmOptions}: the made directory's launcher, run by bash against a stand-in java
 * that prints its arguments, passes the packaged options, then the added ones, then {@code JAVA_OPTS},
 * and runs the packaged jar through the made directory's link to it.
 */
@Timeout(30)
class PackagedAppTest {

    @TempDir
    Path dir;

    @Test
    void shouldLaunchThePackagedJarWithTheAddedOptionsAfterThePackagedOnes() throws Exception {
        Path packaged = FakeApp.ofFakeNode(dir);
        Path made = PackagedApp.withJvmOptions(packaged, dir.resolve("made"),
                List.of("-javaagent:/agents/a.jar", "-Dkadmesh.it.added=yes"));

        assertTrue(Files.isSymbolicLink(made.resolve(NodeCommand.RUNNER_JAR)), "the jar should be the packaged one");
        assertEquals(packaged.toAbsolutePath().resolve(NodeCommand.RUNNER_JAR),
                Files.readSymbolicLink(made.resolve(NodeCommand.RUNNER_JAR)));
        assertTrue(Files.isRegularFile(made.resolve(NodeCommand.LAUNCHER), LinkOption.NOFOLLOW_LINKS),
                "the launcher should be a copy: it finds its application directory through its real path");
        assertEquals("-Xmx64m\n-XX:+UseSerialGC\n", Files.readString(packaged.resolve("bin/jvm.options")),
                "the packaged options should be left alone");

        Process launcher = NodeCommand.ofLauncher(standInJava(), made, List.of("-Dfrom=JAVA_OPTS"), List.of("serve"))
                .redirectErrorStream(true).start();
        assertTrue(launcher.waitFor(20, TimeUnit.SECONDS), "the launcher did not end");
        String output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(List.of("-Xmx64m", "-XX:+UseSerialGC", "-javaagent:/agents/a.jar", "-Dkadmesh.it.added=yes",
                "-Dfrom=JAVA_OPTS", "-jar", made.resolve(NodeCommand.RUNNER_JAR).toString(), "serve"),
                output.lines().toList(), output);
    }

    @Test
    void shouldRefuseWhatIsNotOneOption() throws IOException {
        Path packaged = FakeApp.ofFakeNode(dir);

        assertThrows(IllegalArgumentException.class,
                () -> PackagedApp.withJvmOptions(packaged, dir.resolve("a"), List.of("Xmx64m")));
        assertThrows(IllegalArgumentException.class,
                () -> PackagedApp.withJvmOptions(packaged, dir.resolve("b"), List.of("-Da=1\n-Db=2")));
    }

    /** A java that prints its arguments, one a line, in a JDK folder whose release file says 17. */
    private Path standInJava() throws IOException {
        Path java = Files.createDirectories(dir.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("jdk/release"), "JAVA_VERSION=\"17.0.15\"\n");
        return java;
    }
}
