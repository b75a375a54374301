package io.kadmesh.cli.config;

import java.io.IOException;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code kadmesh config metrics on|off -m REASON}: one commit that turns data-transfer metrics on or off. */
@Command(name = "metrics", mixinStandardHelpOptions = true, description = {
        "Turn data-transfer metrics on or off (kadmesh.metrics.enabled) as one validated commit.",
        "Example: kadmesh config metrics off -m \"metrics suspected in the message flood\"" })
public class MetricsCommand extends ConfigSubcommand {

    /** The key this command sets. */
    static final String KEY = "kadmesh.metrics.enabled";

    @Mixin
    RepoOptions repo;

    @Mixin
    ChangeOptions change;

    @Parameters(paramLabel = "on|off", description = "on: the node records data-transfer metrics; off: it does not.")
    String state;

    @Override
    int execute() throws ConfigFailure, IOException {
        String value = switch (state) {
            case "on" -> "true";
            case "off" -> "false";
            default -> throw new ParameterException(spec.commandLine(), "metrics takes on or off, not '" + state + "'");
        };
        String reason = ChangeCommands.requireReason(spec, change);
        try (ConfigWorkspace workspace = ConfigWorkspace.open(repo)) {
            return new SettingsChange(workspace, change.nodeName).commit(Map.of(KEY, value), reason, out());
        }
    }
}
