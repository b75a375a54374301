package io.kadmesh.cli.config;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ThreeWayMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code kadmesh config rollback [COMMIT] -m REASON}: a commit that reverts one earlier commit, the
 * same as {@code git revert}, validated before the branch moves. Nodes roll forward to it.
 */
@Command(name = "rollback", mixinStandardHelpOptions = true, description = {
        "Revert a commit of the branch (default: its head) with a new, validated commit, as git revert would.",
        "Example: kadmesh config rollback -m \"15s pings doubled the traffic\"" })
public class RollbackCommand extends ConfigSubcommand {

    @Mixin
    RepoOptions repo;

    @Mixin
    ChangeOptions change;

    @Parameters(arity = "0..1", paramLabel = "COMMIT", description = "The commit to revert, on the branch. Default: the branch's head.")
    String target;

    @Override
    int execute() throws ConfigFailure, IOException {
        String reason = ChangeCommands.requireReason(spec, change);
        try (ConfigWorkspace workspace = ConfigWorkspace.open(repo);
                RevWalk walk = new RevWalk(workspace.repository())) {
            workspace.requireCleanCheckout();
            RevCommit head = walk.parseCommit(workspace.head());
            RevCommit reverted = reverted(workspace, walk, head);
            ObjectId tree = revertedTree(workspace.repository(), head, reverted);
            if (tree.equals(head.getTree())) {
                out().println("nothing to roll back: the branch already has none of " + reverted.abbreviate(7).name()
                        + "'s changes");
                return 0;
            }
            String subject = "Revert \"" + reverted.getShortMessage() + "\"";
            ObjectId draft = CommitDraft.commit(workspace.repository(), tree, head,
                    subject + "\n\nThis reverts commit " + reverted.name() + ".\n\n" + reason + "\n");
            new SettingsChange(workspace, Optional.empty()).requireValid(draft);
            List<String> changes = SettingsDiff.between(Optional.of(workspace.filesAt(head)), workspace.filesAt(draft));
            workspace.advance(head, draft, subject);
            out().println("committed " + draft.abbreviate(7).name() + " " + subject);
            changes.forEach(line -> out().println("    " + line));
            return 0;
        }
    }

    private RevCommit reverted(ConfigWorkspace workspace, RevWalk walk, RevCommit head)
            throws ConfigFailure, IOException {
        RevCommit commit = head;
        if (target != null) {
            commit = walk.parseCommit(resolve(workspace));
            if (!walk.isMergedInto(commit, head)) {
                throw new ConfigFailure("commit " + target + " is not on branch " + workspace.location().branch());
            }
        }
        if (commit.getParentCount() != 1) {
            throw new ConfigFailure("commit " + commit.abbreviate(7).name() + (commit.getParentCount() == 0
                    ? " is the first commit: there is nothing before it to roll back to"
                    : " is a merge: revert it by hand (git revert -m 1 " + commit.name() + ")"));
        }
        walk.parseHeaders(commit.getParent(0));
        return commit;
    }

    private ObjectId resolve(ConfigWorkspace workspace) throws ConfigFailure, IOException {
        ObjectId id;
        try {
            id = workspace.repository().resolve(target + "^{commit}");
        } catch (RevisionSyntaxException | IOException e) {
            id = null;
        }
        if (id == null) {
            throw new ConfigFailure("unknown commit '" + target + "' in " + workspace.location().displayUri());
        }
        return id;
    }

    private static ObjectId revertedTree(Repository repository, RevCommit head, RevCommit reverted)
            throws ConfigFailure, IOException {
        ThreeWayMerger merger = MergeStrategy.RESOLVE.newMerger(repository, true);
        merger.setBase(reverted.getTree());
        if (!merger.merge(head, reverted.getParent(0))) {
            throw new ConfigFailure("commit " + reverted.abbreviate(7).name() + " cannot be reverted cleanly: later "
                    + "commits changed the same lines; nothing committed (revert it by hand with git revert)");
        }
        return merger.getResultTreeId();
    }
}
