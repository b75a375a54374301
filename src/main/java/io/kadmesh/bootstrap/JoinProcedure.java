package io.kadmesh.bootstrap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import org.jboss.logging.Logger;

import io.kadmesh.config.NodeConfig;
import io.kadmesh.dht.Contact;
import io.kadmesh.dht.Scheduler;
import io.kadmesh.spi.transport.Failures;

/**
 * Gets a node into the network and keeps it there. An attempt tries every bootstrap in turn, joining
 * the DHT through the peers each introduces (each peer must prove the id it was introduced with);
 * when every bootstrap fails it rejoins through the contacts it already knows. Attempts run one at a
 * time, in one chain that retries with exponential backoff and jitter until one succeeds: the wait
 * before the next attempt lies between half the backoff and the backoff, which starts at
 * {@code kadmesh.bootstrap.initial-backoff} and doubles up to {@code .max-backoff}. Once joined, it
 * reports the node's state to every bootstrap each heartbeat (one report per bootstrap in flight at
 * most), and starts the chain again if the node has lost every contact, unless it runs already.
 */
public final class JoinProcedure {

    private static final Logger LOG = Logger.getLogger(JoinProcedure.class);

    private final JoiningNode node;
    private final BootstrapClient client;
    private final List<BootstrapUrl> urls;
    private final NodeConfig.Bootstrap config;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final Supplier<BootstrapMessages.Status> status;
    private final CompletableFuture<Contact> joined = new CompletableFuture<>();
    private final AtomicBoolean joining = new AtomicBoolean();
    private final AtomicLong attempts = new AtomicLong();
    private final Set<BootstrapUrl> reporting = ConcurrentHashMap.newKeySet();
    private volatile String lastError = "";
    private volatile boolean stopped;

    /**
     * Joins {@code node} through the bootstraps at {@code urls} (entries of
     * {@code kadmesh.bootstrap.urls}, pins included), reporting {@code status}.
     *
     * @throws IllegalArgumentException if an entry's pin is malformed
     */
    public JoinProcedure(JoiningNode node, BootstrapClient client, List<String> urls, NodeConfig.Bootstrap config,
            Scheduler scheduler, RandomGenerator random, Supplier<BootstrapMessages.Status> status) {
        this.node = node;
        this.client = client;
        this.urls = urls.stream().map(BootstrapUrl::parse).toList();
        this.config = config;
        this.scheduler = scheduler;
        this.random = random;
        this.status = status;
    }

    /** Starts joining; the future completes with the peer first joined through. */
    public CompletableFuture<Contact> start() {
        startJoining();
        return joined;
    }

    /**
     * Stops joining and heartbeats, then tells every bootstrap that the node leaves. Completes when
     * every bootstrap has answered or failed; a failure is logged, never thrown.
     */
    public CompletableFuture<Void> leave() {
        stopped = true;
        CompletableFuture<?>[] answers = urls.stream().map(url -> client.leave(url)
                .handle((wasRegistered, failure) -> {
                    if (failure != null) {
                        LOG.warnf("could not tell the bootstrap %s that this node leaves: %s", url.address(),
                                Failures.message(failure));
                    }
                    return null;
                })).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(answers);
    }

    /** Why the last attempt failed; empty when it did not. */
    public String lastError() {
        return lastError;
    }

    /** How many join attempts have started so far. */
    public long attempts() {
        return attempts.get();
    }

    /** Whether a chain of join attempts runs now (an attempt, or the wait before the next). */
    public boolean isJoining() {
        return joining.get();
    }

    private void startJoining() {
        if (joining.compareAndSet(false, true)) {
            attempt(config.initialBackoff());
        }
    }

    private void attempt(Duration backoff) {
        if (stopped) {
            joining.set(false);
            return;
        }
        attempts.incrementAndGet();
        throughBootstraps(0, new ArrayList<>()).handle((peer, failure) -> failure == null
                ? CompletableFuture.completedFuture(peer)
                : throughKnownContacts(Failures.message(failure))).thenCompose(stage -> stage)
                .whenComplete((peer, failure) -> {
                    if (failure == null) {
                        succeeded(peer);
                    } else {
                        lastError = Failures.message(failure);
                        Duration wait = jittered(backoff);
                        LOG.warnf("could not join: %s; retrying in %d ms", lastError, wait.toMillis());
                        scheduler.schedule(wait, () -> attempt(min(backoff.multipliedBy(2), config.maxBackoff())));
                    }
                });
    }

    private void succeeded(Contact peer) {
        lastError = "";
        joining.set(false);
        if (joined.complete(peer)) {
            LOG.infof("joined the network through %s", peer);
            scheduler.schedule(config.heartbeat(), this::heartbeat);
        } else {
            LOG.infof("joined the network again through %s", peer);
        }
    }

    private CompletableFuture<Contact> throughBootstraps(int index, List<String> errors) {
        if (index == urls.size()) {
            return CompletableFuture.failedFuture(new IllegalStateException(urls.isEmpty()
                    ? "no bootstrap URLs are configured (kadmesh.bootstrap.urls)"
                    : "every bootstrap failed: " + String.join("; ", errors)));
        }
        BootstrapUrl url = urls.get(index);
        return client.register(url, status.get()).thenCompose(peers -> throughPeers(peers, 0))
                .thenApply(CompletableFuture::completedFuture).exceptionally(failure -> {
                    errors.add(url.address() + ": " + Failures.message(failure));
                    return throughBootstraps(index + 1, errors);
                }).thenCompose(stage -> stage);
    }

    private CompletableFuture<Contact> throughPeers(List<Contact> peers, int index) {
        if (index == peers.size()) {
            return CompletableFuture.failedFuture(new IllegalStateException("no introduced peer answered"));
        }
        return node.join(peers.get(index)).thenApply(CompletableFuture::completedFuture)
                .exceptionally(failure -> throughPeers(peers, index + 1)).thenCompose(stage -> stage);
    }

    private CompletableFuture<Contact> throughKnownContacts(String bootstrapFailure) {
        return node.knownContacts().thenCompose(known -> throughPeers(known, 0)).handle((peer, failure) -> {
            if (failure != null) {
                throw new IllegalStateException(bootstrapFailure + "; and no known contact answered");
            }
            return peer;
        });
    }

    /**
     * Reports to every bootstrap while the node knows contacts; starts joining again once it knows none,
     * unless a chain of attempts or a report is under way already (the next heartbeat looks again).
     */
    private void heartbeat() {
        if (stopped) {
            return;
        }
        node.knownContacts().thenAccept(known -> {
            if (joining.get()) {
                return;
            }
            if (!known.isEmpty() || urls.isEmpty()) {
                urls.forEach(this::report);
            } else if (reporting.isEmpty()) {
                LOG.warn("lost every contact; joining again");
                startJoining();
            }
        });
        scheduler.schedule(config.heartbeat(), this::heartbeat);
    }

    /** Reports the node's state to {@code url}, unless the last report there is still under way. */
    private void report(BootstrapUrl url) {
        if (reporting.add(url)) {
            client.register(url, status.get()).whenComplete((peers, failure) -> {
                reporting.remove(url);
                if (failure != null) {
                    LOG.debugf("heartbeat to %s failed: %s", url.address(), Failures.message(failure));
                }
            });
        }
    }

    /** Between half the backoff and the backoff: never beyond {@code max-backoff}, never in lockstep. */
    private Duration jittered(Duration backoff) {
        long millis = Math.max(2, backoff.toMillis());
        return Duration.ofMillis(millis / 2 + random.nextLong(millis / 2 + 1));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
