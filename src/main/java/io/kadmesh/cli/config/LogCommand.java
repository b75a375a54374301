package io.kadmesh.cli.config;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import io.kadmesh.config.live.ConfigFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kadmesh config log}: the commits of the branch that changed the config directory, newest
 * first, each with the effective settings it changed and, given nodes, their health after it.
 */
@Command(name = "log", mixinStandardHelpOptions = true, description = {
        "List the commits that changed the config directory, newest first: the effective settings each changed (old → new) and, with --node, each node's health after it.",
        "Example: kadmesh config log -n 5 --node http://127.0.0.1:8080" })
public class LogCommand extends ConfigSubcommand {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    @Mixin
    RepoOptions repo;

    @Option(names = { "-n",
            "--max-count" }, defaultValue = "20", description = "Most commits listed. (default: ${DEFAULT-VALUE})")
    int maxCount;

    @Option(names = "--node", arity = "1..*", paramLabel = "URL", description = "A node's HTTP address: show the health it recorded after each commit; repeatable.")
    List<String> nodes = List.of();

    @Override
    int execute() throws ConfigFailure, IOException {
        Map<String, NodeHistory> histories = histories();
        try (ConfigWorkspace workspace = ConfigWorkspace.open(repo);
                RevWalk walk = new RevWalk(workspace.repository())) {
            walk.setFirstParent(true);
            walk.markStart(walk.parseCommit(workspace.head()));
            int listed = 0;
            for (RevCommit commit : walk) {
                if (listed >= maxCount) {
                    break;
                }
                if (changesConfig(workspace, commit)) {
                    print(workspace, commit, histories);
                    listed++;
                }
            }
            return 0;
        }
    }

    private Map<String, NodeHistory> histories() {
        NodeApi api = new NodeApi();
        Map<String, NodeHistory> histories = new LinkedHashMap<>();
        for (String node : nodes) {
            try {
                histories.put(node, api.history(node));
            } catch (ConfigFailure e) {
                err().println("warning: " + e.getMessage());
            }
        }
        return histories;
    }

    private void print(ConfigWorkspace workspace, RevCommit commit, Map<String, NodeHistory> histories)
            throws IOException {
        out().println(commit.abbreviate(7).name() + " " + WHEN.format(commit.getCommitterIdent().getWhenAsInstant())
                + " " + commit.getAuthorIdent().getName() + "  " + commit.getShortMessage());
        Optional<ConfigFiles> before = commit.getParentCount() == 0 ? Optional.empty()
                : Optional.of(workspace.filesAt(commit.getParent(0)));
        List<String> changes = SettingsDiff.between(before, workspace.filesAt(commit));
        if (changes.isEmpty()) {
            out().println("    (no effective setting changed)");
        }
        changes.forEach(line -> out().println("    " + line));
        histories.forEach((node, history) -> out().println("    after, on " + node + ": "
                + history.after(commit.name()).map(NodeHealth::describe).orElse("not applied")));
    }

    private static boolean changesConfig(ConfigWorkspace workspace, RevCommit commit) throws IOException {
        ObjectId now = directory(workspace, commit);
        if (commit.getParentCount() == 0) {
            return now != null;
        }
        ObjectId before = directory(workspace, commit.getParent(0));
        return now == null ? before != null : !now.equals(before);
    }

    /** The tree of the config directory at {@code commit}; {@code null} when it has none. */
    private static ObjectId directory(ConfigWorkspace workspace, RevCommit commit) throws IOException {
        String path = workspace.location().path().strip().replaceAll("^/+|/+$", "");
        try (RevWalk walk = new RevWalk(workspace.repository())) {
            RevCommit parsed = walk.parseCommit(commit);
            if (path.isEmpty()) {
                return parsed.getTree();
            }
            try (TreeWalk tree = TreeWalk.forPath(workspace.repository(), path, parsed.getTree())) {
                return tree == null ? null : tree.getObjectId(0);
            }
        }
    }
}
