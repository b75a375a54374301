package io.kadmesh.cli;

import io.kadmesh.cli.config.ConfigCommand;
import picocli.CommandLine.Command;

/**
 * The {@code kadmesh} command line: the node itself and its tools. With no subcommand it serves;
 * {@link KadmeshMain} sends that case, like {@code serve}, to Quarkus before this command runs.
 */
@Command(name = "kadmesh", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = "A Kademlia DHT node.", subcommands = {
        ServeCommand.class, LocalNetworkCommand.class, ConfigCommand.class, DiagnoseCommand.class })
public class KadmeshCommand implements Runnable {

    @Override
    public void run() {
        throw new IllegalStateException("kadmesh without a subcommand serves the node, inside Quarkus: "
                + "start it through " + KadmeshMain.class.getName());
    }
}
