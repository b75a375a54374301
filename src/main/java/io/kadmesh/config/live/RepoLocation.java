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

    /** The credentials JGit offers the server: those set here, else those written into the URI, else none. */
    CredentialsProvider credentials() {
        if (username.isEmpty() && password.isEmpty()) {
            return null;
        }
        return new UsernamePasswordCredentialsProvider(username.orElse("kadmesh"), password.orElse(""));
    }

    @Override
    public String toString() {
        return displayUri() + " branch " + branch + (path.isEmpty() ? "" : " path " + path);
    }
}
