package io.kadmesh.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.bytebuddy.ByteBuddy;

/** {@link AgentJar}: the manifest an agent needs, and exactly the agent's own classes. */
class AgentJarTest {

    @TempDir
    Path dir;

    @Test
    void shouldHoldTheAgentAndItsNestedClassesWithPremainClassAndLibraryClassPath() throws IOException, URISyntaxException {
        Path jar = AgentJar.write(dir.resolve("agents/throwing.jar"), ThrowingMetricsAgent.class, ByteBuddy.class,
                ByteBuddy.class);

        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes main = file.getManifest().getMainAttributes();
            assertEquals(ThrowingMetricsAgent.class.getName(), main.getValue("Premain-Class"));
            URI byteBuddy = ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation().toURI();
            assertEquals(Path.of(byteBuddy).toUri().toString(),
                    main.getValue(Attributes.Name.CLASS_PATH), "one entry per library, as an absolute URL");
            List<String> classes = file.stream().map(entry -> entry.getName()).filter(name -> name.endsWith(".class"))
                    .sorted().toList();
            assertEquals(List.of("io/kadmesh/it/harness/ThrowingMetricsAgent$Report.class",
                    "io/kadmesh/it/harness/ThrowingMetricsAgent$ThrowAtEntry.class",
                    "io/kadmesh/it/harness/ThrowingMetricsAgent.class"), classes);
        }
    }

    @Test
    void shouldRefuseANestedClassAsTheAgent() {
        assertThrows(IllegalArgumentException.class,
                () -> AgentJar.write(dir.resolve("nested.jar"), ThrowingMetricsAgent.Report.class));
    }
}
