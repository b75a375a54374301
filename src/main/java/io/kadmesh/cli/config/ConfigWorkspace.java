package io.kadmesh.cli.config;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FileUtils;

import io.kadmesh.config.live.CommitFiles;
import io.kadmesh.config.live.DirectoryFiles;
import io.kadmesh.config.live.RepoLocation;

/**
 * The config repository one command works on: a local repository opened in place, or a URL cloned
 * (bare) into a temporary directory that {@link #close()} deletes. Changes are made as commits on
 * the branch, never by editing a work tree first: a change that does not validate leaves nothing
 * behind. A work tree that has the branch checked out follows the branch, and must be clean.
 */
final class ConfigWorkspace implements AutoCloseable {

    /** Longest any one network operation (clone, push) may take. */
    static final int NETWORK_TIMEOUT_SECONDS = 60;

    private final Git git;
    private final RepoLocation location;
    private final CredentialsProvider credentials;
    private final Optional<Path> temporary;

    private ConfigWorkspace(Git git, RepoLocation location, CredentialsProvider credentials,
            Optional<Path> temporary) {
        this.git = git;
        this.location = location;
        this.credentials = credentials;
        this.temporary = temporary;
    }

    /** Opens or clones the repository {@code options} name, and checks that its branch exists. */
    static ConfigWorkspace open(RepoOptions options) throws ConfigFailure, IOException {
        RepoLocation location = options.location();
        ConfigWorkspace workspace = options.isUrl() ? cloned(location, options.credentials())
                : new ConfigWorkspace(local(location), location, options.credentials(), Optional.empty());
        try {
            workspace.head();
            return workspace;
        } catch (ConfigFailure e) {
            try {
                workspace.close();
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static Git local(RepoLocation location) throws ConfigFailure, IOException {
        try {
            return Git.open(Path.of(location.uri()).toFile());
        } catch (RepositoryNotFoundException e) {
            throw new ConfigFailure("--repo " + location.uri() + " is not a Git repository (give the top of a "
                    + "work tree, a bare repository, or a URL)");
        }
    }

    /**
     * A bare copy of the repository at {@code location}, fetched into a temporary directory. Not a
     * JGit clone: a fetch ends with an automatic gc, which a clone's repository runs in a background
     * thread that may still be writing {@code gc.log.lock} when {@link #close()} deletes the
     * directory; this copy is configured first to run none.
     */
    private static ConfigWorkspace cloned(RepoLocation location, CredentialsProvider credentials)
            throws ConfigFailure, IOException {
        Path directory = Files.createTempDirectory("kadmesh-config-");
        Git git = null;
        try {
            git = Git.init().setBare(true).setDirectory(directory.toFile()).call();
            StoredConfig config = git.getRepository().getConfig();
            config.setInt("gc", null, "auto", 0);
            config.setBoolean("gc", null, "autoDetach", false);
            config.save();
            git.remoteAdd().setName(BranchPush.REMOTE).setUri(new URIish(location.uri())).call();
            git.fetch().setRemote(BranchPush.REMOTE).setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"))
                    .setCredentialsProvider(credentials).setTimeout(NETWORK_TIMEOUT_SECONDS).call();
            return new ConfigWorkspace(git, location, credentials, Optional.of(directory));
        } catch (GitAPIException | URISyntaxException | RuntimeException e) {
            if (git != null) {
                git.close();
            }
            FileUtils.delete(directory.toFile(), FileUtils.RECURSIVE | FileUtils.IGNORE_ERRORS);
            throw new ConfigFailure("cannot clone " + location.displayUri() + ": " + redact(location, e), e);
        }
    }

    /** The head of the branch. */
    ObjectId head() throws ConfigFailure, IOException {
        Ref ref = repository().exactRef(branchRef());
        if (ref == null) {
            throw new ConfigFailure("branch '" + location.branch() + "' does not exist in " + location.displayUri());
        }
        return ref.getObjectId();
    }

    /** The config directory at {@code commit}. */
    CommitFiles filesAt(ObjectId commit) throws IOException {
        return new CommitFiles(repository(), commit, location.path());
    }

    /** The config directory in the work tree, when there is one with the branch checked out. */
    Optional<DirectoryFiles> checkedOutFiles() throws IOException {
        if (!isCheckedOut()) {
            return Optional.empty();
        }
        return Optional.of(new DirectoryFiles(repository().getWorkTree().toPath().resolve(location.path())));
    }

    /** Refuses to go on when the work tree has the branch checked out with uncommitted changes. */
    void requireCleanCheckout() throws ConfigFailure, IOException {
        try {
            if (isCheckedOut() && git.status().call().hasUncommittedChanges()) {
                throw new ConfigFailure(repository().getWorkTree() + " has uncommitted changes: commit or stash "
                        + "them first (the CLI commits to branch " + location.branch() + ")");
            }
        } catch (GitAPIException e) {
            throw new IOException("cannot read the work tree's status: " + e.getMessage(), e);
        }
    }

    /**
     * Moves the branch from {@code expected} to {@code commit}, brings a work tree that has it
     * checked out along, and pushes it when the repository has a remote {@code origin}.
     */
    void advance(ObjectId expected, ObjectId commit, String subject) throws ConfigFailure, IOException {
        RefUpdate update = repository().updateRef(branchRef());
        update.setExpectedOldObjectId(expected);
        update.setNewObjectId(commit);
        update.setRefLogMessage("kadmesh config: " + subject, false);
        RefUpdate.Result result = update.update();
        if (result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.NEW) {
            throw new ConfigFailure("branch " + location.branch() + " moved while the change was made (" + result
                    + "); nothing was committed, run the command again");
        }
        checkOut();
        if (hasOrigin()) {
            new BranchPush(git, location, credentials, NETWORK_TIMEOUT_SECONDS).push(commit, temporary.isEmpty());
        }
    }

    private void checkOut() throws IOException {
        if (isCheckedOut()) {
            try {
                git.reset().setMode(ResetType.HARD).call();
            } catch (GitAPIException e) {
                throw new IOException("committed, but could not update the work tree: " + e.getMessage(), e);
            }
        }
    }

    private boolean isCheckedOut() throws IOException {
        return !repository().isBare() && branchRef().equals(repository().getFullBranch());
    }

    private boolean hasOrigin() {
        return repository().getConfig().getSubsections("remote").contains(BranchPush.REMOTE);
    }

    Repository repository() {
        return git.getRepository();
    }

    RepoLocation location() {
        return location;
    }

    private String branchRef() {
        return "refs/heads/" + location.branch();
    }

    /** The message of {@code e} without the repository's password or credentials in its URL. */
    static String redact(RepoLocation location, Exception e) {
        return location.redact(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    @Override
    public void close() throws IOException {
        git.close();
        if (temporary.isPresent()) {
            FileUtils.delete(temporary.get().toFile(), FileUtils.RECURSIVE | FileUtils.RETRY);
        }
    }
}
