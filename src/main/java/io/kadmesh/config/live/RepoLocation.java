package io.kadmesh.config.live;

import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Where the live configuration is: a Git repository (a local path or an http(s) URL), one branch,
 * and the directory in it that holds {@code node.properties}. The password never appears in
 * {@link #toString()} or {@link #displayUri()}.
 *
 * @param uri the repository
 * @param branch the branch read
 * @param path the config directory in the repository; empty for its root
 * @param username the user name for an http(s) repository, if it needs one
 * @param password the password or token for an http(s) repository, if it needs one
 */
public record RepoLocation(String uri, String branch, String path, Optional<String> username,
        Optional<String> password) {

    /** The environment variable that holds the password or token when no password file is given. */
    public static final String PASSWORD_VARIABLE = "KADMESH_CONFIG_REPO_PASSWORD";

    /** The user name offered with a password or token given alone. */
    public static final String DEFAULT_USER = "kadmesh";

    public RepoLocation {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** A repository that needs no credentials. */
    public static RepoLocation of(String uri, String branch, String path) {
        return new RepoLocation(uri, branch, path, Optional.empty(), Optional.empty());
    }

    /** The repository's URI without any user name or password written into it. */
    public String displayUri() {
        try {
            URIish parsed = new URIish(uri);
            return parsed.getPass() == null && parsed.getUser() == null ? uri
                    : parsed.setUser(null).setPass(null).toString();
        } catch (URISyntaxException e) {
            return uri.replaceAll("//[^/@]*@", "//");
        }
    }

    /** {@code message} with the URI shown as {@link #displayUri()} and the password, if any, as {@code ***}. */
    public String redact(String message) {
        String redacted = message.replace(uri, displayUri());
        return password.filter(secret -> !secret.isEmpty()).map(secret -> redacted.replace(secret, "***"))
                .orElse(redacted);
    }

    /**
     * The credentials JGit offers the server: those set here (the user name {@code kadmesh} when only
     * a password or token is given), else those written into the URI, else none ({@code null}).
     */
    public CredentialsProvider credentials() {
        if (username.isEmpty() && password.isEmpty()) {
            return null;
        }
        return new UsernamePasswordCredentialsProvider(username.orElse(DEFAULT_USER), password.orElse(""));
    }

    @Override
    public String toString() {
        return displayUri() + " branch " + branch + (path.isEmpty() ? "" : " path " + path);
    }
}
