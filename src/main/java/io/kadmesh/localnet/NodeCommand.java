package io.kadmesh.localnet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The command line that starts one node: this JVM's java, lean flags, the node's properties, the jar. */
public final class NodeCommand {

    /**
     * The JVM flags of every node a local network starts: the network the README shows
     * ({@code kadmesh local-network}), the integration tests and the network benchmark share them,
     * so their figures describe the same processes. A small heap, the serial collector, the C1
     * compiler only, small thread stacks and capped code cache and metaspace keep each node's memory
     * and CPU small enough for 16 of them to share 2 cores; logs stay at WARN.
     */
    public static final List<String> LEAN_JVM_FLAGS = List.of("-Xms16m", "-Xmx64m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:ReservedCodeCacheSize=32m", "-XX:MaxMetaspaceSize=96m",
            "-Dquarkus.log.level=WARN");

    /** The launcher jar of a packaged application directory. */
    public static final String RUNNER_JAR = "quarkus-run.jar";

    private NodeCommand() {
    }

    /**
     * The full command for {@code spec}: {@code java <flags> -D<property>=<value>… -jar
     * <appDir>/quarkus-run.jar serve}.
     */
    public static List<String> of(Path java, Path appDir, NodeSpec spec) {
        Objects.requireNonNull(spec, "spec must be set");
        List<String> jvmArgs = new ArrayList<>(LEAN_JVM_FLAGS);
        spec.properties().forEach((key, value) -> jvmArgs.add("-D" + key + "=" + value));
        return ofJar(java, appDir, jvmArgs, List.of("serve"));
    }

    /** Any command of the jar: {@code java <jvmArgs…> -jar <appDir>/quarkus-run.jar <args…>}. */
    public static List<String> ofJar(Path java, Path appDir, List<String> jvmArgs, List<String> args) {
        Objects.requireNonNull(java, "java must be set");
        Objects.requireNonNull(appDir, "appDir must be set");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(appDir.resolve(RUNNER_JAR).toString());
        command.addAll(args);
        return List.copyOf(command);
    }

    /** The java executable running this process, or the one under {@code java.home}. */
    public static Path currentJava() {
        return ProcessHandle.current().info().command().map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java"));
    }
}
