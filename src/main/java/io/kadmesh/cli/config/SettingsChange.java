package io.kadmesh.cli.config;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jgit.lib.ObjectId;

import io.kadmesh.config.live.ConfigLayout;
import io.kadmesh.config.live.InvalidConfigException;
import io.kadmesh.config.live.LiveSettings;

/**
 * One change of live settings as one commit: the file's lines set, the result validated as a whole
 * config directory, and only then the branch moved and pushed. The subject says what changed (and
 * from what), the body why.
 */
final class SettingsChange {

    private final ConfigWorkspace workspace;
    private final Optional<String> nodeName;

    SettingsChange(ConfigWorkspace workspace, Optional<String> nodeName) {
        this.workspace = workspace;
        this.nodeName = nodeName;
    }

    /** Sets {@code values} in the defaults, or in the node's file; answers the exit code. */
    int commit(Map<String, String> values, String reason, PrintWriter out) throws ConfigFailure, IOException {
        workspace.requireCleanCheckout();
        String file = file();
        ObjectId head = workspace.head();
        Optional<String> before = read(head, file);
        String after = PropertiesText.of(before.orElse(header())).with(values).text();
        if (before.isPresent() && before.get().equals(after)) {
            out.println("nothing to change: " + file + " already has " + assignments(values, before));
            return 0;
        }
        String subject = subject(values, before);
        String path = CommitDraft.repoPath(workspace.location().path(), file);
        ObjectId tree = CommitDraft.treeWith(workspace.repository(), head, path, after);
        ObjectId commit = CommitDraft.commit(workspace.repository(), tree, head, subject + "\n\n" + reason.strip() + "\n");
        requireValid(commit);
        workspace.advance(head, commit, subject);
        out.println("committed " + commit.abbreviate(7).name() + " " + subject);
        return 0;
    }

    /** Refuses the commit when any combination of the config directory at it would not validate. */
    void requireValid(ObjectId commit) throws ConfigFailure, IOException {
        Collection<String> problems = distinct(ConfigLayout.problems(workspace.filesAt(commit), LiveSettings.builtIn()));
        if (!problems.isEmpty()) {
            throw new ConfigFailure("nothing committed: with this change the config directory would not validate:\n  "
                    + String.join("\n  ", problems));
        }
    }

    /** {@code problems} without repeats: one bad default shows in every combination of the directory. */
    static Collection<String> distinct(List<String> problems) {
        return new LinkedHashSet<>(problems);
    }

    private String file() throws ConfigFailure {
        if (nodeName.isEmpty()) {
            return ConfigLayout.DEFAULTS;
        }
        try {
            return ConfigLayout.nodeFile(nodeName.get());
        } catch (InvalidConfigException e) {
            throw new ConfigFailure("--node-name: " + e.getMessage());
        }
    }

    private String header() {
        return nodeName.map(name -> "# Overrides for the node " + name + " (kadmesh.config-repo.node-name); see README.md\n")
                .orElse("");
    }

    private Optional<String> read(ObjectId head, String file) throws ConfigFailure, IOException {
        try {
            return workspace.filesAt(head).read(file);
        } catch (InvalidConfigException e) {
            throw new ConfigFailure(e.getMessage());
        }
    }

    private String subject(Map<String, String> values, Optional<String> before) {
        return "config: set " + assignments(values, before)
                + nodeName.map(name -> " for node " + name).orElse("");
    }

    private static String assignments(Map<String, String> values, Optional<String> before) {
        List<String> parts = new ArrayList<>();
        values.forEach((key, value) -> parts.add(key + "=" + value + " (was "
                + before.flatMap(text -> PropertiesText.valueOf(text, key)).orElse("unset") + ")"));
        return String.join(", ", parts);
    }
}
