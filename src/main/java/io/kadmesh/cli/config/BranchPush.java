package io.kadmesh.cli.config;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

import io.kadmesh.config.live.RepoLocation;

/** Pushes the config branch to {@code origin}, and says plainly when the remote refused it. */
final class BranchPush {

    /** The remote a change is pushed to. */
    static final String REMOTE = "origin";

    private final Git git;
    private final RepoLocation location;
    private final CredentialsProvider credentials;
    private final int timeoutSeconds;

    BranchPush(Git git, RepoLocation location, CredentialsProvider credentials, int timeoutSeconds) {
        this.git = git;
        this.location = location;
        this.credentials = credentials;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * Pushes the branch, now at {@code commit}; {@code keptLocally} says whether the commit stays in
     * a local repository when the push fails, for the message.
     */
    void push(ObjectId commit, boolean keptLocally) throws ConfigFailure {
        String ref = "refs/heads/" + location.branch();
        Iterable<PushResult> results;
        try {
            results = git.push().setRemote(REMOTE).setRefSpecs(new RefSpec(ref + ":" + ref))
                    .setCredentialsProvider(credentials).setTimeout(timeoutSeconds).call();
        } catch (GitAPIException | RuntimeException e) {
            throw new ConfigFailure(notPushed(commit, keptLocally) + ": " + ConfigWorkspace.redact(location, e), e);
        }
        for (PushResult result : results) {
            RemoteRefUpdate update = result.getRemoteUpdate(ref);
            if (update != null) {
                check(update, commit, keptLocally);
            }
        }
    }

    private void check(RemoteRefUpdate update, ObjectId commit, boolean keptLocally) throws ConfigFailure {
        switch (update.getStatus()) {
            case OK, UP_TO_DATE -> {
            }
            case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> throw new ConfigFailure(notPushed(commit,
                    keptLocally) + ": the remote's branch " + location.branch() + " moved since it was read "
                    + "(someone else pushed); " + (keptLocally ? "pull (git pull --rebase) and push again"
                            : "run the command again"));
            default -> throw new ConfigFailure(notPushed(commit, keptLocally) + ": the remote answered "
                    + update.getStatus() + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
        }
    }

    private String notPushed(ObjectId commit, boolean keptLocally) {
        return "not pushed to " + REMOTE
                + (keptLocally ? "; commit " + commit.abbreviate(7).name() + " stays in the local branch "
                        + location.branch() : "; nothing changed");
    }
}
