package io.kadmesh.cli.config;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code kadmesh config verify --node URL...}: waits until every node runs a commit, then checks that
 * none is worse than when it applied it (requirement 8.5).
 */
@Command(name = "verify", mixinStandardHelpOptions = true, description = {
        "Wait until every node reports the commit in GET /api/config, then, after --settle, fail naming each node whose health got worse than when it applied it: no longer ready, fewer links than before and below its live kadmesh.connections.min (or none), lookups slower by more than --max-latency-ratio and 50 ms. A node that looks worse is asked again every quarter second for another --settle, and fails only if it never recovers: a dip while links rebalance is no regression.",
        "Example: kadmesh config verify --repo . --node http://node-0:8080 --node http://node-1:8080" })
public class VerifyCommand extends ConfigSubcommand {

    /** How often the nodes are asked while waiting. */
    static final Duration POLL = Duration.ofMillis(250);

    @Mixin
    RepoOptions repo;

    @Option(names = "--node", required = true, arity = "1..*", paramLabel = "URL", description = "A node's HTTP address, such as http://127.0.0.1:8080; repeatable.")
    List<String> nodes;

    @Option(names = "--commit", description = "The commit to verify. Default: the head of --branch in --repo (then --repo is required).")
    String commit;

    @Option(names = "--timeout", defaultValue = "60s", converter = DurationConverter.class, description = "Longest wait for every node to report the commit. (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--settle", defaultValue = "10s", converter = DurationConverter.class, description = "How long the nodes run the commit before their health is compared. (default: ${DEFAULT-VALUE})")
    Duration settle;

    @Option(names = "--max-latency-ratio", defaultValue = "3", description = "Lookups this many times slower (and 50 ms slower) than when the commit was applied count as worse. (default: ${DEFAULT-VALUE})")
    double maxLatencyRatio;

    @Override
    int execute() throws ConfigFailure, IOException {
        String expected = expectedCommit();
        NodeApi api = new NodeApi();
        String full = awaitCommit(api, expected);
        pause(settle);
        return compare(api, full);
    }

    private String expectedCommit() throws ConfigFailure, IOException {
        boolean repoGiven = spec.commandLine().getParseResult().hasMatchedOption("--repo");
        if (!repoGiven) {
            if (commit == null || !commit.matches("[0-9a-fA-F]{7,40}")) {
                throw new ParameterException(spec.commandLine(),
                        "give --commit (a commit id, 7 to 40 hex digits), or --repo to verify the head of its branch");
            }
            return commit.toLowerCase(java.util.Locale.ROOT);
        }
        try (ConfigWorkspace workspace = ConfigWorkspace.open(repo)) {
            if (commit == null) {
                return workspace.head().name();
            }
            ObjectId id = null;
            try {
                id = workspace.repository().resolve(commit + "^{commit}");
            } catch (RevisionSyntaxException e) {
                id = null;
            }
            if (id == null) {
                throw new ConfigFailure("unknown commit '" + commit + "' in " + workspace.location().displayUri());
            }
            return id.name();
        }
    }

    /** Waits until every node reports {@code expected} (a full id or a prefix); answers the full id. */
    private String awaitCommit(NodeApi api, String expected) throws ConfigFailure {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> waiting = new LinkedHashSet<>(nodes);
        String full = expected;
        List<String> last = new ArrayList<>();
        while (true) {
            last.clear();
            for (String node : List.copyOf(waiting)) {
                NodeApi.ConfigReport report = api.config(node);
                if (report.rejectedCommit().filter(id -> id.startsWith(expected)).isPresent()) {
                    throw new ConfigFailure("node " + node + " rejected commit " + abbreviate(expected) + ": "
                            + report.rejectedReason());
                }
                if (report.commit().filter(id -> id.startsWith(expected)).isPresent()) {
                    full = report.commit().get();
                    waiting.remove(node);
                } else {
                    last.add(node + " (it runs " + report.commit().map(VerifyCommand::abbreviate).orElse("no commit") + ")");
                }
            }
            if (waiting.isEmpty()) {
                return full;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new ConfigFailure("timed out after " + timeout.toSeconds() + "s waiting for commit "
                        + abbreviate(expected) + "; not reported by: " + String.join(", ", last));
            }
            pause(Duration.ofNanos(Math.min(left, POLL.toNanos())));
        }
    }

    private int compare(NodeApi api, String commit) throws ConfigFailure {
        HealthComparison comparison = new HealthComparison(maxLatencyRatio);
        List<String> failures = new ArrayList<>();
        out().printf("%-32s %-8s %-40s %s%n", "node", "commit", "health when applied → now", "verdict");
        for (String node : nodes) {
            NodeHistory history = api.history(node);
            var baseline = history.baseline(commit);
            if (baseline.isEmpty()) {
                failures.add("node " + node + ": no record of applying " + abbreviate(commit) + " in /api/config/history");
                continue;
            }
            int connectionsMin = api.config(node).connectionsMin();
            long recheckUntil = System.nanoTime() + settle.toNanos();
            List<String> worse = comparison.worse(baseline.get(), history.now(), connectionsMin);
            while (!worse.isEmpty() && System.nanoTime() - recheckUntil < 0) {
                pause(POLL);
                history = api.history(node);
                worse = comparison.worse(baseline.get(), history.now(), connectionsMin);
            }
            out().printf("%-32s %-8s %-40s %s%n", node, abbreviate(commit),
                    baseline.get().describe() + " → " + history.now().describe(), worse.isEmpty() ? "ok" : "WORSE");
            worse.forEach(figure -> failures.add("node " + node + ": " + figure));
        }
        out().flush();
        if (!failures.isEmpty()) {
            throw new ConfigFailure("health got worse after commit " + abbreviate(commit) + ":\n  "
                    + String.join("\n  ", failures));
        }
        out().println("every node runs " + abbreviate(commit) + " and none got worse");
        return 0;
    }

    private static void pause(Duration duration) throws ConfigFailure {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigFailure("interrupted", e);
        }
    }

    private static String abbreviate(String commit) {
        return commit.length() > 7 ? commit.substring(0, 7) : commit;
    }
}
