package io.kadmesh.config.live;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.eclipse.jgit.lib.ObjectId;
import org.jboss.logging.Logger;

/**
 * The node's live settings: a snapshot of the last valid commit of the config repository, swapped
 * whole when the branch moves to another valid commit. A commit that does not validate is rejected
 * and the snapshot stays; an unreachable repository leaves it too. Before the first fetch the node
 * runs on the last commit it applied (kept on disk), else on the defaults built into the jar.
 * <p>
 * Polls on a thread of its own, every poll interval give or take a fifth (so that nodes started
 * together do not fetch in step). Listeners hear of every applied snapshot on that thread.
 */
public final class LiveConfig implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LiveConfig.class);
    private static final double JITTER = 0.2;

    /** A commit that was not applied, and why. */
    public record Rejection(String commit, String reason, Instant at) {
    }

    /**
     * What the node knows of the repository.
     *
     * @param uri the repository, without credentials; null when none is configured
     * @param reachable whether the last fetch succeeded (false before the first)
     * @param lastFetch when a fetch last succeeded; null if none has
     * @param error why the last fetch failed; null when it did not, or none has been tried yet
     */
    public record RepoStatus(String uri, boolean reachable, Instant lastFetch, String error) {
    }

    /** Where the node's config repository is, and how it reads it. */
    public record Options(RepoLocation location, Optional<String> nodeName, Path directory, Duration pollInterval,
            Duration fetchTimeout) {
    }

    private final Optional<Options> options;
    private final LiveSettings defaults;
    private final Clock clock;
    private final List<Consumer<ConfigSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller;
    private volatile ConfigSnapshot current;
    private volatile Rejection rejected;
    private volatile RepoStatus repo;
    private ConfigRepository repository;

    /**
     * Live settings read from the repository {@code options} name (none: the defaults, for good),
     * over {@code defaults}, the node's startup settings.
     */
    public LiveConfig(Optional<Options> options, LiveSettings defaults, Clock clock) {
        this.options = options;
        this.defaults = defaults;
        this.clock = clock;
        this.current = new ConfigSnapshot(null, defaults, clock.instant(), ConfigSnapshot.Source.DEFAULTS);
        this.repo = new RepoStatus(options.map(o -> o.location().displayUri()).orElse(null), false, null,
                options.isPresent() ? null : "no config repository is configured (kadmesh.config-repo.uri)");
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kadmesh-config");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Calls {@code listener} with every snapshot applied from now on. */
    public void onApplied(Consumer<ConfigSnapshot> listener) {
        listeners.add(listener);
    }

    /**
     * Takes the settings kept on disk, if any, then polls the repository: the first time at once, on
     * the poller's thread.
     */
    public void start() {
        options.ifPresent(o -> {
            loadKept(o);
            poller.execute(() -> pollAndRearm(o));
        });
    }

    /** The settings in force. */
    public ConfigSnapshot current() {
        return current;
    }

    /** The last commit rejected since one was applied; empty when none was. */
    public Optional<Rejection> rejected() {
        return Optional.ofNullable(rejected);
    }

    /** What the node knows of its repository. */
    public RepoStatus repo() {
        return repo;
    }

    /** Fetches the branch now and applies its head if it is new and valid; for the poller and for tests. */
    public synchronized void poll() {
        options.ifPresent(this::poll);
    }

    private void pollAndRearm(Options o) {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.errorf(e, "polling the config repository failed");
        }
        double factor = 1 + ThreadLocalRandom.current().nextDouble(-JITTER, JITTER);
        long delay = (long) (o.pollInterval().toMillis() * factor);
        if (!poller.isShutdown()) {
            poller.schedule(() -> pollAndRearm(o), delay, TimeUnit.MILLISECONDS);
        }
    }

    private void poll(Options o) {
        ObjectId head;
        try {
            if (repository == null) {
                repository = ConfigRepository.open(o.location(), o.directory().resolve("repo.git"), o.fetchTimeout());
            }
            head = repository.fetch();
        } catch (IOException e) {
            RepoStatus before = repo;
            repo = new RepoStatus(before.uri(), false, before.lastFetch(), e.getMessage());
            if (before.reachable() || !e.getMessage().equals(before.error())) {
                LOG.warnf("cannot read the config repository, keeping the settings of %s: %s", describe(current),
                        e.getMessage());
            }
            return;
        }
        repo = new RepoStatus(repo.uri(), true, clock.instant(), null);
        String commit = head.name();
        boolean applied = commit.equals(current.commit()) && current.source() == ConfigSnapshot.Source.GIT;
        boolean known = rejected != null && commit.equals(rejected.commit());
        if (!applied && !known) {
            apply(o, head);
        }
    }

    private void apply(Options o, ObjectId head) {
        String commit = head.name();
        LiveSettings settings;
        try {
            settings = ConfigLayout.settings(repository.filesAt(head), defaults, o.nodeName());
        } catch (InvalidConfigException | IOException e) {
            rejected = new Rejection(commit, e.getMessage(), clock.instant());
            LOG.errorf("config commit %s rejected, keeping the settings of %s: %s", shortId(commit),
                    describe(current), e.getMessage());
            return;
        }
        ConfigSnapshot snapshot = new ConfigSnapshot(commit, settings, clock.instant(), ConfigSnapshot.Source.GIT);
        current = snapshot;
        rejected = null;
        LOG.infof("config commit %s applied: %s", shortId(commit), settings.asProperties());
        keep(o, snapshot);
        listeners.forEach(listener -> notify(listener, snapshot));
    }

    private void loadKept(Options o) {
        try {
            new AppliedSettingsFile(o.directory().resolve(APPLIED)).load(defaults).ifPresent(kept -> {
                current = kept;
                LOG.infof("starting on config commit %s, kept on disk, until the repository answers",
                        shortId(kept.commit()));
            });
        } catch (IOException | InvalidConfigException e) {
            LOG.warnf("the settings kept on disk cannot be used, starting on the defaults: %s", e.getMessage());
        }
    }

    private static void keep(Options o, ConfigSnapshot snapshot) {
        try {
            new AppliedSettingsFile(o.directory().resolve(APPLIED)).save(snapshot);
        } catch (IOException e) {
            LOG.warnf("cannot keep config commit %s on disk (a restart while the repository is unreachable "
                    + "would start on older settings): %s", shortId(snapshot.commit()), e.getMessage());
        }
    }

    private static void notify(Consumer<ConfigSnapshot> listener, ConfigSnapshot snapshot) {
        try {
            listener.accept(snapshot);
        } catch (RuntimeException e) {
            LOG.errorf(e, "applying config commit %s failed in %s", shortId(snapshot.commit()), listener);
        }
    }

    private static String describe(ConfigSnapshot snapshot) {
        return snapshot.commit() == null ? "the defaults" : "commit " + shortId(snapshot.commit());
    }

    private static String shortId(String commit) {
        return commit.substring(0, Math.min(12, commit.length()));
    }

    private static final String APPLIED = "applied.properties";

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (repository != null) {
                repository.close();
            }
        }
    }
}
