package io.kadmesh.bootstrap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import org.jboss.logging.Logger;

import io.kadmesh.config.NodeConfig;
import io.kadmesh.dht.Contact;
import io.kadmesh.dht.Scheduler;
import io.kadmesh.dht.node.DhtNode;
import io.kadmesh.spi.transport.Failures;

/**
 * Gets a node into the network and keeps it there. It tries every bootstrap in turn, joining the DHT
 * through the peers each introduces; when every bootstrap fails it rejoins through the contacts it
 * already knows, and retries with exponential backoff and jitter. Once joined, it reports the node's
 * state to every bootstrap each heartbeat, and starts over if the node has lost every contact.
 */
public final class JoinProcedure {

    private static final Logger LOG = Logger.getLogger(JoinProcedure.class);

    private final DhtNode dht;
    private final BootstrapClient client;
    private final List<String> urls;
    private final NodeConfig.Bootstrap config;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final Supplier<BootstrapMessages.Register> status;
    private final CompletableFuture<Contact> joined = new CompletableFuture<>();
    private volatile String lastError = "";
    private volatile boolean stopped;

    public JoinProcedure(DhtNode dht, BootstrapClient client, List<String> urls, NodeConfig.Bootstrap config,
            Scheduler scheduler, RandomGenerator random, Supplier<BootstrapMessages.Register> status) {
        this.dht = dht;
        this.client = client;
        this.urls = List.copyOf(urls);
        this.config = config;
        this.scheduler = scheduler;
        this.random = random;
        this.status = status;
    }

    /** Starts joining; the future completes with the peer joined through. */
    public CompletableFuture<Contact> start() {
        attempt(config.initialBackoff());
        return joined;
    }

    /**
     * Stops joining and heartbeats, then tells every bootstrap that the node leaves. Completes when
     * every bootstrap has answered or failed; a failure is logged, never thrown.
     */
    public CompletableFuture<Void> leave(BootstrapMessages.Leave leave) {
        stopped = true;
        CompletableFuture<?>[] answers = urls.stream().map(url -> client.leave(url, leave)
                .handle((wasRegistered, failure) -> {
                    if (failure != null) {
                        LOG.warnf("could not tell the bootstrap %s that this node leaves: %s", url,
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

    private void attempt(Duration backoff) {
        if (stopped) {
            return;
        }
        throughBootstraps(0, new ArrayList<>()).handle((peer, failure) -> failure == null
                ? CompletableFuture.completedFuture(peer)
                : throughKnownContacts(Failures.message(failure))).thenCompose(stage -> stage)
                .whenComplete((peer, failure) -> {
                    if (failure == null) {
                        lastError = "";
                        if (joined.complete(peer)) {
                            LOG.infof("joined the network through %s", peer);
                            scheduler.schedule(config.heartbeat(), this::heartbeat);
                        }
                    } else {
                        lastError = Failures.message(failure);
                        Duration wait = jittered(backoff);
                        LOG.warnf("could not join: %s; retrying in %d ms", lastError, wait.toMillis());
                        scheduler.schedule(wait, () -> attempt(min(backoff.multipliedBy(2), config.maxBackoff())));
                    }
                });
    }

    private CompletableFuture<Contact> throughBootstraps(int index, List<String> errors) {
        if (index == urls.size()) {
            return CompletableFuture.failedFuture(new IllegalStateException(urls.isEmpty()
                    ? "no bootstrap URLs are configured (kadmesh.bootstrap.urls)"
                    : "every bootstrap failed: " + String.join("; ", errors)));
        }
        String url = urls.get(index);
        return client.register(url, status.get()).thenCompose(peers -> throughPeers(peers, 0))
                .thenApply(CompletableFuture::completedFuture).exceptionally(failure -> {
                    errors.add(url + ": " + Failures.message(failure));
                    return throughBootstraps(index + 1, errors);
                }).thenCompose(stage -> stage);
    }

    private CompletableFuture<Contact> throughPeers(List<Contact> peers, int index) {
        if (index == peers.size()) {
            return CompletableFuture.failedFuture(new IllegalStateException("no introduced peer answered"));
        }
        return dht.join(peers.get(index).address()).thenApply(CompletableFuture::completedFuture)
                .exceptionally(failure -> throughPeers(peers, index + 1)).thenCompose(stage -> stage);
    }

    private CompletableFuture<Contact> throughKnownContacts(String bootstrapFailure) {
        return dht.knownContacts().thenCompose(known -> throughPeers(known, 0)).handle((peer, failure) -> {
            if (failure != null) {
                throw new IllegalStateException(bootstrapFailure + "; and no known contact answered");
            }
            return peer;
        });
    }

    private void heartbeat() {
        if (stopped) {
            return;
        }
        for (String url : urls) {
            client.register(url, status.get()).whenComplete((peers, failure) -> {
                if (failure != null) {
                    LOG.debugf("heartbeat to %s failed: %s", url, Failures.message(failure));
                }
            });
        }
        dht.knownContacts().thenAccept(known -> {
            if (known.isEmpty() && !urls.isEmpty()) {
                LOG.warn("lost every contact; joining again");
                attempt(config.initialBackoff());
            }
        });
        scheduler.schedule(config.heartbeat(), this::heartbeat);
    }

    private Duration jittered(Duration backoff) {
        long millis = backoff.toMillis();
        return Duration.ofMillis(millis / 2 + random.nextLong(Math.max(1, millis)));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
