package io.kadmesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that the build's architecture rule (the {@code architecture} enforcer execution in
 * {@code pom.xml}) fails a build that breaks it. Each case copies the real {@code pom.xml} into a
 * scratch project, adds sources, and runs that execution through the Maven wrapper, offline.
 */
class ArchitectureRulesTest {

    private static final Path PROJECT = Path.of(System.getProperty("build.project.dir", "."))
            .toAbsolutePath();

    @TempDir
    Path scratch;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void mustFailBuildWhenCoreImportsNetworkingOrPluginImportsCoreOrLauncherImportsQuarkus() throws Exception {
        write("src/main/java/io/kadmesh/dht/Leaky.java",
                "package io.kadmesh.dht;\n\nimport java.net.URI;\n\npublic class Leaky {\n    URI uri;\n}\n");
        write("plugins/transport-websocket/src/main/java/io/kadmesh/plugin/websocket/Reaching.java",
                "package io.kadmesh.plugin.websocket;\n\nimport io.kadmesh.dht.NodeId;\n\n"
                        + "public class Reaching {\n    NodeId id;\n}\n");
        write("src/main/java/io/kadmesh/localnet/Booting.java",
                "package io.kadmesh.localnet;\n\nimport io.quarkus.runtime.Quarkus;\n\n"
                        + "public class Booting {\n    Quarkus quarkus;\n}\n");

        Build build = enforceArchitecture();

        assertNotEquals(0, build.exitCode(), build.output());
        assertTrue(build.output().contains("Leaky.java"), build.output());
        assertTrue(build.output().contains("java.net.URI"), build.output());
        assertTrue(build.output().contains("Reaching.java"), build.output());
        assertTrue(build.output().contains("io.kadmesh.dht.NodeId"), build.output());
        assertTrue(build.output().contains("Booting.java"), build.output());
        assertTrue(build.output().contains("io.quarkus.runtime.Quarkus"), build.output());
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void mustPassBuildWhenPluginImportsOnlySpi() throws Exception {
        write("src/main/java/io/kadmesh/dht/Plain.java",
                "package io.kadmesh.dht;\n\nimport java.util.List;\n\npublic class Plain {\n    List<String> names;\n}\n");
        write("plugins/transport-websocket/src/main/java/io/kadmesh/plugin/websocket/Polite.java",
                "package io.kadmesh.plugin.websocket;\n\nimport io.kadmesh.spi.transport.Transport;\n\n"
                        + "public class Polite {\n    Transport transport;\n}\n");

        Build build = enforceArchitecture();

        assertEquals(0, build.exitCode(), build.output());
    }

    private void write(String relative, String content) throws IOException {
        Path file = scratch.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private Build enforceArchitecture() throws IOException, InterruptedException {
        Files.copy(PROJECT.resolve("pom.xml"), scratch.resolve("pom.xml"), StandardCopyOption.REPLACE_EXISTING);
        copyTree(PROJECT.resolve(".mvn"), scratch.resolve(".mvn"));
        List<String> command = new ArrayList<>(List.of(PROJECT.resolve("mvnw").toString(), "-o", "-B",
                "build-helper:add-source@plugin-sources", "enforcer:enforce@architecture"));
        String localRepository = System.getProperty("maven.repo.local");
        if (localRepository != null) {
            command.add("-Dmaven.repo.local=" + localRepository);
        }
        Path log = scratch.resolve("build.log");
        Process process = new ProcessBuilder(command).directory(scratch.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the architecture check did not finish within 2 minutes:\n"
                    + Files.readString(log));
        }
        return new Build(process.exitValue(), Files.readString(log));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private record Build(int exitCode, String output) {
    }
}
