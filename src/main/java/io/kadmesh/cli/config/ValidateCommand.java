package io.kadmesh.cli.config;

import java.io.IOException;
import java.util.Collection;

import io.kadmesh.config.live.ConfigFiles;
import io.kadmesh.config.live.ConfigLayout;
import io.kadmesh.config.live.LiveSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code kadmesh config validate}: checks every file of the config directory, the defaults with each
 * profile and each node's overrides, as a node would before applying it.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, description = {
        "Validate the config directory: node.properties with each profile, and each node's overrides. Reads the work tree when it has the branch checked out (uncommitted edits included), else the branch's head. Exits 1 listing the problems." })
public class ValidateCommand extends ConfigSubcommand {

    @Mixin
    RepoOptions repo;

    @Override
    int execute() throws ConfigFailure, IOException {
        try (ConfigWorkspace workspace = ConfigWorkspace.open(repo)) {
            ConfigFiles files;
            String where;
            if (workspace.checkedOutFiles().isPresent()) {
                files = workspace.checkedOutFiles().get();
                where = "the work tree of " + workspace.location().displayUri();
            } else {
                files = workspace.filesAt(workspace.head());
                where = workspace.location().branch() + " at " + workspace.head().abbreviate(7).name();
            }
            Collection<String> problems = SettingsChange.distinct(ConfigLayout.problems(files, LiveSettings.builtIn()));
            if (!problems.isEmpty()) {
                throw new ConfigFailure(problems.size() + " problem(s) in " + where + ":\n  "
                        + String.join("\n  ", problems));
            }
            out().println("valid: " + where + " (defaults, " + files.list(ConfigLayout.PROFILES).size() + " profile(s), "
                    + files.list(ConfigLayout.NODES).size() + " node file(s))");
            return 0;
        }
    }
}
