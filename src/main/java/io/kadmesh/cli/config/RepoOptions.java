package io.kadmesh.cli.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

import io.kadmesh.config.live.RepoLocation;
import picocli.CommandLine.Option;

/** Which config repository, branch and directory a command works on, and the credentials to reach it. */
public class RepoOptions {

    /** The environment variable that holds the password or token when no file is given. */
    public static final String PASSWORD_VARIABLE = "KADMESH_CONFIG_REPO_PASSWORD";

    /** User name offered with a password when none is given: token-based servers ignore it. */
    private static final String DEFAULT_USER = "kadmesh";

    @Option(names = "--repo", paramLabel = "DIR|URL", defaultValue = ".", description = "The config repository: a local clone or work tree, or a URL to clone into a temporary directory (deleted afterwards). (default: ${DEFAULT-VALUE})")
    String repo;

    @Option(names = "--branch", defaultValue = "main", description = "The branch the nodes read. (default: ${DEFAULT-VALUE})")
    String branch;

    @Option(names = "--path", paramLabel = "DIR", defaultValue = "", description = "The config directory in the repository (the one holding node.properties). Default: the root.")
    String path;

    @Option(names = "--username", description = "User name for an http(s) repository.")
    Optional<String> username;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the password or token for an http(s) repository; never printed. Default: the environment variable "
            + PASSWORD_VARIABLE + ".")
    Optional<Path> passwordFile;

    /** Whether {@code --repo} names a remote repository to clone rather than a directory. */
    boolean isUrl() {
        return repo.matches("(?i)[a-z][a-z0-9+.-]*://.*") || repo.matches("[^/\\\\]+@[^/\\\\:]+:.*");
    }

    /** The repository, branch and directory, for messages that must not show a password. */
    RepoLocation location() throws ConfigFailure {
        return new RepoLocation(repo, branch, path, username, password());
    }

    /** The credentials to offer the server; {@code null} when none were given. */
    CredentialsProvider credentials() throws ConfigFailure {
        Optional<String> password = password();
        if (username.isEmpty() && password.isEmpty()) {
            return null;
        }
        return new UsernamePasswordCredentialsProvider(username.orElse(DEFAULT_USER), password.orElse(""));
    }

    private Optional<String> password() throws ConfigFailure {
        if (passwordFile.isPresent()) {
            try {
                String text = Files.readString(passwordFile.get(), StandardCharsets.UTF_8);
                return Optional.of(text.lines().findFirst().orElse("").strip());
            } catch (IOException e) {
                throw new ConfigFailure("cannot read the password file " + passwordFile.get() + ": " + e.getMessage());
            }
        }
        return Optional.ofNullable(System.getenv(PASSWORD_VARIABLE)).filter(value -> !value.isBlank());
    }
}
