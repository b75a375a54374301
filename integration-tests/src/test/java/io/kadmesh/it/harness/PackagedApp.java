package io.kadmesh.it.harness;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The packaged application the integration tests run ({@code target/quarkus-app}), named by system
 * property {@code kadmesh.app.dir}, which failsafe sets.
 */
public final class PackagedApp {

    /** The launcher's folder in an application directory, and its JVM options file there. */
    private static final String BIN = "bin";
    private static final String JVM_OPTIONS = "jvm.options";

    private PackagedApp() {
    }

    /** The application directory, holding {@code quarkus-run.jar}. */
    public static Path dir() {
        String appDir = System.getProperty("kadmesh.app.dir");
        assertNotNull(appDir, "system property kadmesh.app.dir must name target/quarkus-app (failsafe sets it)");
        return Path.of(appDir);
    }

    /**
     * A new directory for the files of one run, kept after it for a look at what happened:
     * {@code target/<kind>/run-<millis>}.
     */
    public static Path runDir(String kind) {
        return dir().getParent().resolve(kind).resolve("run-" + System.currentTimeMillis());
    }

    /**
     * Makes {@code target} an application directory that runs {@code appDir}'s jar with {@code options}
     * added to the JVM options of every process its launcher starts, and returns it: for options that
     * {@link io.kadmesh.localnet.LocalNetwork} has no way to pass, such as {@code -javaagent}. Its
     * {@code bin/} holds copies of {@code appDir}'s launcher and {@code jvm.options}, the options
     * appended one a line (after the product's own, before {@code JAVA_OPTS}); everything else is a
     * symbolic link to {@code appDir}'s file, so the jar and its libraries are the packaged ones.
     */
    public static Path withJvmOptions(Path appDir, Path target, List<String> options) {
        for (String option : options) {
            if (!option.startsWith("-") || option.contains("\n") || option.contains("\r")) {
                throw new IllegalArgumentException("a JVM option starts with '-' and fits one line, got '" + option + "'");
            }
        }
        Path source = appDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(target.resolve(BIN));
            try (Stream<Path> entries = Files.list(source)) {
                for (Path entry : entries.filter(entry -> !entry.getFileName().toString().equals(BIN)).toList()) {
                    Files.createSymbolicLink(target.resolve(entry.getFileName().toString()), entry);
                }
            }
            try (Stream<Path> launcherFiles = Files.list(source.resolve(BIN))) {
                for (Path file : launcherFiles.toList()) {
                    Files.copy(file, target.resolve(BIN).resolve(file.getFileName().toString()),
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            String added = "\n# Added by the integration test (PackagedApp.withJvmOptions)\n" + String.join("\n", options)
                    + "\n";
            Files.writeString(target.resolve(BIN).resolve(JVM_OPTIONS), added, StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not make an application directory in " + target + " from " + source,
                    e);
        }
    }
}
