package io.kadmesh.config.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.RefSpec;

/**
 * The node's own copy of the config repository: a bare repository on disk into which it fetches the
 * one branch it reads. Only fetches write to it; the node never commits.
 */
public final class ConfigRepository implements AutoCloseable {

    private static final String REMOTE = "origin";

    private final RepoLocation location;
    private final Git git;
    private final int timeoutSeconds;

    private ConfigRepository(RepoLocation location, Git git, Duration timeout) {
        this.location = location;
        this.git = git;
        this.timeoutSeconds = (int) Math.max(1, timeout.toSeconds());
    }

    /**
     * Opens the copy kept in {@code directory}, or makes an empty one there, pointed at
     * {@code location}; network operations give up after {@code timeout}.
     */
    public static ConfigRepository open(RepoLocation location, Path directory, Duration timeout) throws IOException {
        Files.createDirectories(directory);
        Git git;
        try {
            git = Files.exists(directory.resolve("HEAD")) ? Git.open(directory.toFile())
                    : Git.init().setBare(true).setDirectory(directory.toFile()).call();
        } catch (GitAPIException e) {
            throw new IOException("cannot make a repository in " + directory + ": " + e.getMessage(), e);
        }
        StoredConfig config = git.getRepository().getConfig();
        config.setString("remote", REMOTE, "url", location.uri());
        config.save();
        return new ConfigRepository(location, git, timeout);
    }

    /**
     * Fetches the branch and answers its head.
     *
     * @throws IOException when the repository cannot be reached or read, or has no such branch; the
     *         message says which, without the password
     */
    public ObjectId fetch() throws IOException {
        String ref = "refs/heads/" + location.branch();
        try {
            git.fetch().setRemote(REMOTE).setRefSpecs(new RefSpec("+" + ref + ":" + ref))
                    .setCredentialsProvider(location.credentials()).setTimeout(timeoutSeconds).call();
        } catch (GitAPIException | RuntimeException e) {
            throw new IOException(reason(e), e);
        }
        return head().orElseThrow(() -> new IOException(
                "branch '" + location.branch() + "' does not exist in " + location.displayUri()));
    }

    /** The head of the branch as last fetched, without asking the remote. */
    public Optional<ObjectId> head() throws IOException {
        Ref ref = git.getRepository().exactRef("refs/heads/" + location.branch());
        return ref == null ? Optional.empty() : Optional.of(ref.getObjectId());
    }

    /** The config directory at {@code commit}. */
    public CommitFiles filesAt(ObjectId commit) throws IOException {
        return new CommitFiles(git.getRepository(), commit, location.path());
    }

    /** The repository copy itself. */
    public Repository repository() {
        return git.getRepository();
    }

    private String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.contains("not found") || message.contains("not a git repository") || message.contains("Invalid remote")
                || message.contains("No such file")) {
            return location.displayUri() + " is not a Git repository, or cannot be found (" + redact(message) + ")";
        }
        if (message.contains("Remote does not have")) {
            return "branch '" + location.branch() + "' does not exist in " + location.displayUri();
        }
        return "cannot fetch " + location.displayUri() + ": " + redact(message);
    }

    private String redact(String message) {
        return location.redact(message);
    }

    @Override
    public void close() {
        git.close();
    }
}
