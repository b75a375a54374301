package io.kadmesh.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.kadmesh.localnet.LocalNetwork;
import io.kadmesh.localnet.NetworkGuide;
import io.kadmesh.localnet.NodeLauncher;
import io.kadmesh.localnet.NodeProcess;
import io.kadmesh.localnet.NodeSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Starts a bootstrap and N nodes as separate processes on 127.0.0.1, waits until they are ready,
 * prints where they are and what to try, and keeps them running until interrupted (Ctrl-C kills
 * them). It runs without Quarkus ({@link KadmeshMain}): this process starts no HTTP server and
 * binds no port; only the nodes it starts do.
 */
@Command(name = "local-network", mixinStandardHelpOptions = true, description = "Start a bootstrap and N nodes as separate processes on 127.0.0.1 and keep them running until Ctrl-C.")
public class LocalNetworkCommand implements Callable<Integer> {

    /**
     * Fewest nodes besides the bootstrap: a node is ready only with
     * {@link NodeSpec#MIN_CONNECTIONS} live links, so each needs that many peers.
     */
    static final int MIN_NODES = NodeSpec.MIN_CONNECTIONS;
    /** Most nodes besides the bootstrap. */
    static final int MAX_NODES = 32;
    /** Longest the network may take to become ready: nodes start slowly when they share few cores. */
    static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "4", description = "Nodes besides the bootstrap (3..32). Default: ${DEFAULT-VALUE}.")
    int nodes;

    @Option(names = "--work-dir", description = "Holds one directory per node (key, log); reusing one keeps the node ids. Default: a new temporary directory.")
    Path workDir;

    @Option(names = "--app-dir", description = "The packaged application (quarkus-app folder). Default: the one this jar runs from.")
    Path appDir;

    @Override
    public Integer call() throws InterruptedException {
        validateNodes();
        Path app = resolveAppDir();
        Path work = resolveWorkDir();
        PrintWriter out = spec.commandLine().getOut();
        out.println("starting a bootstrap and " + nodes + " nodes in " + work);
        out.flush();
        try (LocalNetwork network = LocalNetwork.start(app, work, nodes)) {
            network.awaitReady(READY_TIMEOUT, line -> {
                out.println(line);
                out.flush();
            });
            printGuide(network, out);
            network.awaitClosed();
            return 0;
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("the network did not become ready: " + e.getMessage());
            return 1;
        }
    }

    private void validateNodes() {
        if (nodes < MIN_NODES || nodes > MAX_NODES) {
            throw new ParameterException(spec.commandLine(), "--nodes must be between " + MIN_NODES + " and "
                    + MAX_NODES + " (a node is ready with " + NodeSpec.MIN_CONNECTIONS + " peers), got " + nodes);
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

    private static void printGuide(LocalNetwork network, PrintWriter out) {
        out.println();
        out.println("ready. Nodes:");
        for (NodeProcess member : network.members()) {
            out.println("  " + NetworkGuide.describe(member.spec(), member.pid()));
        }
        out.println();
        out.println("try:");
        NetworkGuide.tryThis(network.bootstrap().spec(), network.node(0).spec()).forEach(line -> out.println("  " + line));
        out.println();
        out.println("Ctrl-C stops every node.");
        out.flush();
    }
}
