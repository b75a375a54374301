package io.kadmesh.cli;

import io.quarkus.runtime.Quarkus;
import picocli.CommandLine.Command;

/** Runs the node until the process is told to stop. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the node (the default).")
public class ServeCommand implements Runnable {

    @Override
    public void run() {
        Quarkus.waitForExit();
    }
}
