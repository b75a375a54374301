package io.kadmesh.cli;

import jakarta.inject.Inject;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The {@code kadmesh} command line: the node itself and its tools. With no subcommand it serves. */
@TopCommand
@Command(name = "kadmesh", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "A Kademlia DHT node.", subcommands = {
        ServeCommand.class, SimulateCommand.class, LocalNetworkCommand.class })
public class KadmeshCommand implements Runnable {

    @Inject
    ServeCommand serve;

    @Override
    public void run() {
        serve.run();
    }
}
