package io.kadmesh.cli.config;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code kadmesh config set KEY=VALUE... -m REASON}: one commit that sets live settings. */
@Command(name = "set", mixinStandardHelpOptions = true, description = {
        "Set live settings in node.properties (or nodes/NAME.properties) as one validated commit, pushed when the repository has an origin.",
        "Example: kadmesh config set kadmesh.dht.ping-interval=15s -m \"pings too sparse for churn\"" })
public class SetCommand extends ConfigSubcommand {

    @Mixin
    RepoOptions repo;

    @Mixin
    ChangeOptions change;

    @Parameters(arity = "1..*", paramLabel = "KEY=VALUE", description = "A live key and its new value, such as kadmesh.connections.max=12.")
    List<String> assignments;

    @Override
    int execute() throws ConfigFailure, IOException {
        Map<String, String> values = parse(assignments);
        String reason = ChangeCommands.requireReason(spec, change);
        try (ConfigWorkspace workspace = ConfigWorkspace.open(repo)) {
            return new SettingsChange(workspace, change.nodeName).commit(values, reason, out());
        }
    }

    private Map<String, String> parse(List<String> arguments) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            if (equals <= 0 || argument.substring(equals + 1).isBlank()) {
                throw new ParameterException(spec.commandLine(),
                        "'" + argument + "' is not KEY=VALUE (such as kadmesh.dht.ping-interval=15s)");
            }
            String key = argument.substring(0, equals).strip();
            ChangeCommands.requireLiveKey(spec, key);
            if (values.put(key, argument.substring(equals + 1).strip()) != null) {
                throw new ParameterException(spec.commandLine(), key + " is given twice");
            }
        }
        return values;
    }

}
