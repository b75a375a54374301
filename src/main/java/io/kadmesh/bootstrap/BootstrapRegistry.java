package io.kadmesh.bootstrap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.kadmesh.dht.NodeId;

/**
 * The nodes registered with this bootstrap and the state they last reported. A node that has not
 * reported for {@link #FORGET_AFTER} is forgotten; a node that leaves is removed at once.
 */
@ApplicationScoped
public class BootstrapRegistry {

    /** Silence after which a registration is dropped. */
    public static final Duration FORGET_AFTER = Duration.ofSeconds(60);
    /** Most registrations kept, so that a flood of fake ids cannot grow memory without bound. */
    public static final int CAPACITY = 10_000;

    private final Map<NodeId, RegisteredNode> nodes = new ConcurrentHashMap<>();
    private final Clock clock;

    BootstrapRegistry(Clock clock) {
        this.clock = clock;
    }

    /** One registered node, with when the bootstrap last heard from it. */
    public record RegisteredNode(NodeId nodeId, String url, boolean ready, int connections, Instant lastSeen) {
    }

    /** Records a registration or heartbeat; returns false when the registry is full and the node is new. */
    public boolean record(BootstrapMessages.Register register) {
        forgetSilent();
        NodeId id = register.contact().id();
        if (!nodes.containsKey(id) && nodes.size() >= CAPACITY) {
            return false;
        }
        nodes.put(id, new RegisteredNode(id, register.contact().address(), register.ready(), register.connections(),
                clock.instant()));
        return true;
    }

    /** Removes the node {@code id}; returns whether it was registered. */
    public boolean remove(NodeId id) {
        return nodes.remove(id) != null;
    }

    /** Every node heard from recently, by id. */
    public List<RegisteredNode> nodes() {
        forgetSilent();
        return nodes.values().stream().sorted(Comparator.comparing(RegisteredNode::nodeId)).toList();
    }

    private void forgetSilent() {
        Instant cutoff = clock.instant().minus(FORGET_AFTER);
        nodes.values().removeIf(node -> node.lastSeen().isBefore(cutoff));
    }
}
