package io.kadmesh.cli.config;

import java.util.Optional;

import picocli.CommandLine.Option;

/** What every command that commits a change takes besides the repository: why, and for which node. */
public class ChangeOptions {

    @Option(names = { "-m",
            "--message" }, required = true, paramLabel = "REASON", description = "Why the change is made: the body of the commit message (required).")
    String reason;

    @Option(names = "--node-name", paramLabel = "NAME", description = "Change nodes/NAME.properties, the overrides of one node, instead of node.properties.")
    Optional<String> nodeName;
}
