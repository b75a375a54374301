package io.kadmesh.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.kadmesh.cluster.ClusterGuide;
import io.kadmesh.cluster.LocalCluster;
import io.kadmesh.cluster.NodeLauncher;
import io.kadmesh.cluster.NodeProcess;
import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Starts a bootstrap and N nodes as separate processes on 127.0.0.1, waits until they are ready,
 * prints where they are and what to try, and keeps them running until interrupted (Ctrl-C kills
 * them). Run it with {@code -Dquarkus.http.port=0 -Dquarkus.http.host=127.0.0.1}: this process is a
 * Quarkus application too, with an HTTP server of its own that it does not need.
 */
@Command(name = "local-network", mixinStandardHelpOptions = true, description = {
        "Start a bootstrap and N nodes as separate processes on 127.0.0.1 and keep them running until Ctrl-C.",
        "Run as: java -Dquarkus.http.port=0 -Dquarkus.http.host=127.0.0.1 -jar target/quarkus-app/quarkus-run.jar local-network" })
public class LocalNetworkCommand implements Callable<Integer> {

    static final int MAX_NODES = 32;
    /** Longest the network may take to become ready: nodes start slowly when they share few cores. */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "4", description = "Nodes besides the bootstrap (1..32). Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Option(names = "--work-dir", description = "Holds one directory per node (key, log); reusing one keeps the node ids. Default: a new temporary directory.")
    Path workDir;

    @Option(names = "--app-dir", description = "The packaged application (quarkus-app folder). Default: the one this jar runs from.")
    Path appDir;

    @Override
    public Integer call() {
        validateNodes();
        Path app = resolveAppDir();
        Path work = resolveWorkDir();
        PrintWriter out = spec.commandLine().getOut();
        out.println("starting a bootstrap and " + nodes + " nodes in " + work);
        out.flush();
        try (LocalCluster cluster = LocalCluster.start(app, work, nodes)) {
            cluster.awaitReady(READY_TIMEOUT, line -> {
                out.println(line);
                out.flush();
            });
            printGuide(cluster, out);
            Quarkus.waitForExit();
            return 0;
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("the network did not become ready: " + e.getMessage());
            return 1;
        }
    }

    private void validateNodes() {
        if (nodes < 1 || nodes > MAX_NODES) {
            throw new ParameterException(spec.commandLine(), "--nodes must be between 1 and " + MAX_NODES
                    + ", got " + nodes);
        }
    }

    private Path resolveAppDir() {
        try {
            return appDir == null ? NodeLauncher.runningAppDir() : NodeLauncher.requireAppDir(appDir);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), "--app-dir: " + e.getMessage());
        }
    }

    private Path resolveWorkDir() {
        if (workDir != null && Files.exists(workDir) && !Files.isDirectory(workDir)) {
            throw new ParameterException(spec.commandLine(), "--work-dir must be a directory, got " + workDir);
        }
        try {
            return workDir == null ? Files.createTempDirectory("kadmesh-network-")
                    : Files.createDirectories(workDir).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the work directory " + workDir, e);
        }
    }

    private static void printGuide(LocalCluster cluster, PrintWriter out) {
        out.println();
        out.println("ready. Nodes:");
        for (NodeProcess member : cluster.members()) {
            out.println("  " + ClusterGuide.describe(member.spec(), member.pid()));
        }
        out.println();
        out.println("try:");
        ClusterGuide.tryThis(cluster.bootstrap().spec(), cluster.node(0).spec()).forEach(line -> out.println("  " + line));
        out.println();
        out.println("Ctrl-C stops every node.");
        out.flush();
    }
}
