package io.kadmesh.cli.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.jgit.transport.CredentialsProvider;

import io.kadmesh.config.live.RepoLocation;
import picocli.CommandLine.Option;

/** Which config repository, branch and directory a command works on, and the credentials to reach it. */
public class RepoOptions {

    @Option(names = "--repo", paramLabel = "DIR|URL", defaultValue = ".", description = "The config repository: a local clone or work tree, or a URL to clone into a temporary directory (deleted afterwards). (default: ${DEFAULT-VALUE})")
    String repo;

    @Option(names = "--branch", defaultValue = "main", description = "The branch the nodes read. (default: ${DEFAULT-VALUE})")
    String branch;

    @Option(names = "--path", paramLabel = "DIR", defaultValue = "", description = "The config directory in the repository (the one holding node.properties). Default: the root.")
    String path;

    @Option(names = "--username", description = "User name for an http(s) repository.")
    Optional<String> username;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the password or token for an http(s) repository; never printed. Default: the environment variable "
            + RepoLocation.PASSWORD_VARIABLE + ".")
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
        return location().credentials();
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
        return Optional.ofNullable(System.getenv(RepoLocation.PASSWORD_VARIABLE)).filter(value -> !value.isBlank());
    }
}
