package io.kadmesh.localnet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a node process is started: through the packaged launcher, {@code bin/kadmesh} of the application
 * directory, which runs the jar with the JVM options of its {@code jvm.options} and then
 * {@code $JAVA_OPTS}. The network the README shows ({@code kadmesh local-network}), the integration
 * tests, the benchmarks and the container image all start nodes this way, so their figures describe the
 * processes an operator runs.
 */
public final class NodeCommand {

    /** The launcher jar of a packaged application directory. */
    public static final String RUNNER_JAR = "quarkus-run.jar";

    /** The launcher script, relative to the application directory. */
    public static final String LAUNCHER = "bin/kadmesh";

    /** Local-network nodes log warnings only, so that 16 of them do not flood their log files. */
    static final String QUIET_LOG = "-Dquarkus.log.level=WARN";

    private NodeCommand() {
    }

    /**
     * The launch of the node {@code spec} describes: {@code bin/kadmesh serve}, its properties as
     * {@code -D} options in {@code JAVA_OPTS}, run by {@code java}.
     */
    public static ProcessBuilder of(Path java, Path appDir, NodeSpec spec) {
        return of(java, appDir, spec, Map.of());
    }

    /**
     * As above, with {@code settings} as {@code -D} options too: further configuration for the node
     * (e.g. {@code kadmesh.pubsub.fan-out}), which may not name a property the spec sets.
     */
    public static ProcessBuilder of(Path java, Path appDir, NodeSpec spec, Map<String, String> settings) {
        Objects.requireNonNull(spec, "spec must be set");
        Map<String, String> properties = spec.properties();
        List<String> jvmArgs = new ArrayList<>();
        jvmArgs.add(QUIET_LOG);
        properties.forEach((key, value) -> jvmArgs.add("-D" + key + "=" + value));
        settings.forEach((key, value) -> {
            if (properties.containsKey(key)) {
                throw new IllegalArgumentException("setting " + key + " is the local network's own: it gives each"
                        + " node its " + key);
            }
            jvmArgs.add("-D" + key + "=" + value);
        });
        return ofLauncher(java, appDir, jvmArgs, List.of("serve"));
    }

    /**
     * Any command of the jar through the launcher: {@code bin/kadmesh <args…>} with {@code JAVA} set to
     * {@code java} and {@code JAVA_OPTS} to {@code jvmArgs}, which the launcher splits at spaces: an
     * argument that holds whitespace is refused.
     */
    public static ProcessBuilder ofLauncher(Path java, Path appDir, List<String> jvmArgs, List<String> args) {
        Objects.requireNonNull(java, "java must be set");
        Objects.requireNonNull(appDir, "appDir must be set");
        for (String jvmArg : jvmArgs) {
            if (jvmArg.isEmpty() || jvmArg.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("JVM argument '" + jvmArg + "' is empty or holds whitespace, "
                        + "which JAVA_OPTS cannot carry; choose paths and values without spaces");
            }
        }
        List<String> command = new ArrayList<>();
        command.add(appDir.resolve(LAUNCHER).toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA", java.toString());
        builder.environment().put("JAVA_OPTS", String.join(" ", jvmArgs));
        builder.environment().remove("KADMESH_JVM_OPTIONS");
        return builder;
    }

    /** Fails unless {@code appDir} holds an executable launcher; returns {@code appDir}. */
    static Path requireLauncher(Path appDir) {
        Path launcher = appDir.resolve(LAUNCHER);
        if (!Files.isExecutable(launcher)) {
            throw new IllegalArgumentException("appDir must contain the executable launcher " + LAUNCHER
                    + " (the build copies it there: ./mvnw package -DskipTests), got " + appDir);
        }
        return appDir;
    }

    /** The java executable running this process, or the one under {@code java.home}. */
    public static Path currentJava() {
        return ProcessHandle.current().info().command().map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java"));
    }
}
