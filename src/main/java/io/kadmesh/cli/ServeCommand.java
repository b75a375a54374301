package io.kadmesh.cli;

import jakarta.inject.Inject;

import io.kadmesh.config.NodeConfig;
import io.kadmesh.node.NodeLifecycle;
import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;

/**
 * Runs the node until the process is told to stop: starts it (the HTTP server already listens, so it
 * advertises the port bound), then waits; the process's shutdown stops the node in order. With
 * {@code kadmesh.exit-after-start} the process stops as soon as the node has started.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the node (the default).")
public class ServeCommand implements Runnable {

    @Inject
    NodeLifecycle node;

    @Inject
    NodeConfig config;

    @Override
    public void run() {
        node.start();
        if (config.exitAfterStart()) {
            Quarkus.asyncExit(0);
        }
        Quarkus.waitForExit();
    }
}
