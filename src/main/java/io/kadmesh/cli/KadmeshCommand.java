package io.kadmesh.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The {@code kadmesh} command line: the node itself and its tools. With no subcommand it serves. */
@TopCommand
@Command(name = "kadmesh", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "A Kademlia DHT node.", subcommands = {
        ServeCommand.class, SimulateCommand.class, LocalNetworkCommand.class })
public class KadmeshCommand implements Runnable {

    @Override
    public void run() {
        new ServeCommand().run();
    }
}
