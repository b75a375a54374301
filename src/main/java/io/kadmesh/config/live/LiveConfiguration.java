package io.kadmesh.config.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import io.kadmesh.config.ConfigRepoConfig;
import io.kadmesh.config.NodeConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * This process's live settings ({@link LiveConfig}) from {@code kadmesh.config-repo.*}: started
 * with the application, each applied snapshot fired as a CDI event ({@code @Observes ConfigSnapshot}),
 * and the history of applied commits with the health recorded at each.
 */
@ApplicationScoped
public class LiveConfiguration {

    private final LiveConfig live;
    private final ConfigHistory history = new ConfigHistory();
    private final Event<ConfigSnapshot> applied;

    LiveConfiguration(NodeConfig config, Clock clock, Event<ConfigSnapshot> applied) {
        this.applied = applied;
        this.live = new LiveConfig(options(config.configRepo()), LiveSettings.of(config), clock);
    }

    void onStart(@Observes StartupEvent event) {
        live.onApplied(applied::fire);
        live.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        live.close();
    }

    /** The settings in force and where they came from. */
    public ConfigSnapshot current() {
        return live.current();
    }

    /** The live configuration itself: rejections, the repository's state, polling. */
    public LiveConfig live() {
        return live;
    }

    /** The commits applied, with the health recorded at each. */
    public ConfigHistory history() {
        return history;
    }

    private static Optional<LiveConfig.Options> options(ConfigRepoConfig repo) {
        return repo.uri().map(uri -> new LiveConfig.Options(
                new RepoLocation(uri, repo.branch(), repo.path().orElse(""), repo.username(), password(repo)),
                repo.nodeName(), Path.of(repo.cloneDir()), repo.pollInterval(), repo.fetchTimeout()));
    }

    private static Optional<String> password(ConfigRepoConfig repo) {
        if (repo.passwordFile().isPresent()) {
            Path file = Path.of(repo.passwordFile().get());
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().map(String::strip);
            } catch (IOException e) {
                throw new UncheckedIOException("kadmesh.config-repo.password-file: cannot read " + file, e);
            }
        }
        return Optional.ofNullable(System.getenv(RepoLocation.PASSWORD_VARIABLE)).map(String::strip);
    }
}
