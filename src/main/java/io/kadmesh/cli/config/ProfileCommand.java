package io.kadmesh.cli.config;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.kadmesh.config.live.CommitFiles;
import io.kadmesh.config.live.ConfigLayout;
import io.kadmesh.config.live.InvalidConfigException;
import io.kadmesh.config.live.LiveSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kadmesh config profile NAME -m REASON}: one commit that chooses the profile. */
@Command(name = "profile", mixinStandardHelpOptions = true, description = {
        "Choose the profile (kadmesh.profile) as one validated commit: profiles/NAME.properties layered over node.properties; 'default' is none.",
        "Example: kadmesh config profile minimal -m \"incident 42: back to the configuration that always worked\"" })
public class ProfileCommand extends ConfigSubcommand {

    @Mixin
    RepoOptions repo;

    @Mixin
    ChangeOptions change;

    @Parameters(paramLabel = "NAME", description = "The profile: the name of a file in profiles/ without .properties, or 'default'.")
    String name;

    @Override
    int execute() throws ConfigFailure, IOException {
        String reason = ChangeCommands.requireReason(spec, change);
        try (ConfigWorkspace workspace = ConfigWorkspace.open(repo)) {
            requireProfile(workspace.filesAt(workspace.head()));
            return new SettingsChange(workspace, change.nodeName).commit(Map.of(LiveSettings.PROFILE, name), reason,
                    out());
        }
    }

    private void requireProfile(CommitFiles files) throws ConfigFailure, IOException {
        if (name.equals(LiveSettings.DEFAULT_PROFILE)) {
            return;
        }
        try {
            if (files.read(ConfigLayout.profileFile(name)).isPresent()) {
                return;
            }
        } catch (InvalidConfigException e) {
            throw new ConfigFailure(e.getMessage());
        }
        List<String> profiles = files.list(ConfigLayout.PROFILES).stream()
                .map(file -> file.substring(0, file.length() - ConfigLayout.SUFFIX.length())).toList();
        throw new ConfigFailure(LiveSettings.PROFILE + ": there is no profile '" + name + "' (no file "
                + ConfigLayout.profileFile(name) + " at " + files.commit().abbreviate(7).name() + "); the profiles are "
                + (profiles.isEmpty() ? "none" : String.join(", ", profiles)) + " and default");
    }
}
