package io.kadmesh.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * The config repository, under {@code kadmesh.config-repo.} ({@link NodeConfig#configRepo()}): a Git
 * repository whose commits set the live settings (see
 * {@code config-repo/README.md}). Without {@code uri} the node runs on its startup settings.
 */
public interface ConfigRepoConfig {
    /**
     * The repository: a local path or an http(s) URL. Credentials do not belong in it: give them with
     * {@code username} and {@code password-file} or the environment variable
     * {@code KADMESH_CONFIG_REPO_PASSWORD}.
     */
    Optional<String> uri();

    /** The branch the node reads. */
    @WithDefault("main")
    String branch();

    /** The directory in the repository that holds {@code node.properties}; the root when unset. */
    Optional<String> path();

    /** How often the node fetches the branch, give or take a fifth. */
    @WithDefault("30s")
    Duration pollInterval();

    /** Longest time one fetch may take. */
    @WithDefault("20s")
    Duration fetchTimeout();

    /**
     * This node's name in the repository: its overrides are {@code nodes/<name>.properties}. In
     * Kubernetes, the pod name. Unset: no overrides.
     */
    Optional<String> nodeName();

    /**
     * Where the node keeps its copy of the repository and the settings it last applied (read at a
     * restart while the repository is unreachable).
     */
    @WithDefault("kadmesh-config")
    String cloneDir();

    /** The user name for an http(s) repository. */
    Optional<String> username();

    /**
     * A file holding the password or token for an http(s) repository (its first line). Never logged;
     * when unset, the environment variable {@code KADMESH_CONFIG_REPO_PASSWORD} is read instead.
     */
    Optional<String> passwordFile();
}
