package io.kadmesh.bootstrap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.kadmesh.config.NodeConfig;
import io.kadmesh.dht.NodeId;

/**
 * The nodes registered with this bootstrap and the state they last reported. Every entry was signed
 * by the node it names (see {@link Onboarding}); it is verified once the bootstrap has reached the
 * node's {@code /dht} address and found that same id there. A node that has not reported for
 * {@link #FORGET_AFTER} is forgotten; a node that leaves is removed at once.
 * <p>
 * Bounds: at most {@code kadmesh.bootstrap.registrations-per-source} entries registered from one
 * source address, and at most {@code kadmesh.bootstrap.registry-capacity} in all. A full registry
 * makes room for a newcomer by dropping an entry: an unverified one first, the longest silent among
 * them, else the longest silent of all; so a newcomer is never turned away for want of room.
 */
@ApplicationScoped
public class BootstrapRegistry {

    /** Silence after which a registration is dropped. */
    public static final Duration FORGET_AFTER = Duration.ofSeconds(60);

    /** Least useful first: unverified before verified, then longest silent first. */
    private static final Comparator<RegisteredNode> EVICTION_ORDER = Comparator
            .comparing(RegisteredNode::verified).thenComparing(RegisteredNode::lastSeen);

    private final Map<NodeId, RegisteredNode> nodes = new HashMap<>();
    private final Map<String, Integer> perSource = new HashMap<>();
    private final Clock clock;
    private final int capacity;
    private final int perSourceQuota;

    @Inject
    BootstrapRegistry(Clock clock, NodeConfig config) {
        this(clock, config.bootstrap().registryCapacity(), config.bootstrap().registrationsPerSource());
    }

    /** A registry of at most {@code capacity} nodes, {@code perSourceQuota} of them from one source. */
    public BootstrapRegistry(Clock clock, int capacity, int perSourceQuota) {
        if (capacity < 1 || perSourceQuota < 1) {
            throw new IllegalArgumentException("kadmesh.bootstrap.registry-capacity and .registrations-per-source"
                    + " must be at least 1, got " + capacity + " and " + perSourceQuota);
        }
        this.clock = clock;
        this.capacity = capacity;
        this.perSourceQuota = perSourceQuota;
    }

    /**
     * One registered node, with when the bootstrap last heard from it, the source address it
     * registered from, and whether its address proved to answer with its id.
     */
    public record RegisteredNode(NodeId nodeId, String url, boolean ready, int connections, Instant lastSeen,
            String source, boolean verified) {
    }

    /** What became of a registration. */
    public sealed interface Outcome {
        /** Recorded; {@code toVerify} when its address is new and the bootstrap should check it. */
        record Recorded(boolean toVerify) implements Outcome {
        }

        /** Refused, and why. */
        record Refused(String reason) implements Outcome {
        }
    }

    /** Records a signed registration or heartbeat of {@code status}, sent from {@code source}. */
    public synchronized Outcome record(BootstrapMessages.Status status, String source) {
        forgetSilent();
        NodeId id = status.contact().id();
        RegisteredNode known = nodes.get(id);
        boolean sameSource = known != null && known.source().equals(source);
        if (!sameSource && perSource.getOrDefault(source, 0) >= perSourceQuota) {
            return new Outcome.Refused("registration quota reached: " + perSourceQuota + " nodes are registered"
                    + " from " + source + " (kadmesh.bootstrap.registrations-per-source); try again once one leaves"
                    + " or falls silent for " + FORGET_AFTER.toSeconds() + " s");
        }
        if (known == null && nodes.size() >= capacity) {
            nodes.values().stream().min(EVICTION_ORDER).ifPresent(evicted -> remove(evicted.nodeId()));
        }
        boolean verified = known != null && known.verified() && known.url().equals(status.contact().address());
        remove(id);
        put(new RegisteredNode(id, status.contact().address(), status.ready(), status.connections(), clock.instant(),
                source, verified));
        return new Outcome.Recorded(!verified);
    }

    /** Marks {@code id} verified if it is still registered at {@code url}. */
    public synchronized void verified(NodeId id, String url) {
        RegisteredNode node = nodes.get(id);
        if (node != null && node.url().equals(url)) {
            nodes.put(id, new RegisteredNode(id, url, node.ready(), node.connections(), node.lastSeen(),
                    node.source(), true));
        }
    }

    /** Removes the node {@code id}; returns whether it was registered. */
    public synchronized boolean remove(NodeId id) {
        RegisteredNode removed = nodes.remove(id);
        if (removed != null) {
            perSource.computeIfPresent(removed.source(), (source, count) -> count == 1 ? null : count - 1);
        }
        return removed != null;
    }

    /** The node {@code id}, if registered. */
    public synchronized Optional<RegisteredNode> find(NodeId id) {
        return Optional.ofNullable(nodes.get(id));
    }

    /** Every node heard from recently, by id. */
    public synchronized List<RegisteredNode> nodes() {
        forgetSilent();
        return nodes.values().stream().sorted(Comparator.comparing(RegisteredNode::nodeId)).toList();
    }

    private void put(RegisteredNode node) {
        nodes.put(node.nodeId(), node);
        perSource.merge(node.source(), 1, Integer::sum);
    }

    private void forgetSilent() {
        Instant cutoff = clock.instant().minus(FORGET_AFTER);
        nodes.values().stream().filter(node -> node.lastSeen().isBefore(cutoff)).map(RegisteredNode::nodeId).toList()
                .forEach(this::remove);
    }
}
