package io.kadmesh.localnet;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/** Starts node processes from one packaged application directory ({@code target/quarkus-app}). */
public final class NodeLauncher {

    private final Path appDir;
    private final Path java;
    private final Map<String, String> settings;

    /** A launcher of the jar in {@code appDir}, run by {@code java}. */
    public NodeLauncher(Path appDir, Path java) {
        this(appDir, java, Map.of());
    }

    /** As above, giving every node {@code settings} (configuration properties) besides its spec's. */
    public NodeLauncher(Path appDir, Path java, Map<String, String> settings) {
        this.appDir = requireAppDir(appDir);
        this.java = Objects.requireNonNull(java, "java must be set");
        this.settings = Map.copyOf(settings);
    }

    /** Fails unless {@code appDir} holds {@code quarkus-run.jar} and the launcher; returns it absolute. */
    public static Path requireAppDir(Path appDir) {
        Objects.requireNonNull(appDir, "appDir must be set");
        if (!Files.isRegularFile(appDir.resolve(NodeCommand.RUNNER_JAR))) {
            throw new IllegalArgumentException("appDir must contain " + NodeCommand.RUNNER_JAR + " (build it with "
                    + "./mvnw package -DskipTests), got " + appDir.toAbsolutePath());
        }
        return NodeCommand.requireLauncher(appDir.toAbsolutePath().normalize());
    }

    /**
     * The application directory of the jar this process runs from: the folder holding
     * {@code quarkus-run.jar} on the class path.
     */
    public static Path runningAppDir() {
        String classPath = System.getProperty("java.class.path", "");
        for (String entry : classPath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (path.getFileName() != null && path.getFileName().toString().equals(NodeCommand.RUNNER_JAR)) {
                return requireAppDir(path.toAbsolutePath().getParent());
            }
        }
        throw new IllegalStateException("this process does not run from " + NodeCommand.RUNNER_JAR
                + " (class path: " + classPath + "); name the application directory explicitly");
    }

    /** Starts the node {@code spec} describes; its output is appended to its log file. */
    public NodeProcess launch(NodeSpec spec) {
        Objects.requireNonNull(spec, "spec must be set");
        try {
            Files.createDirectories(spec.dataDir());
            ProcessBuilder builder = NodeCommand.of(java, appDir, spec, settings).directory(spec.dataDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()));
            long startedNanos = System.nanoTime();
            Process process = builder.start();
            return new NodeProcess(spec, process, startedNanos);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + spec.name() + " in " + spec.dataDir(), e);
        }
    }
}
