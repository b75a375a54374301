package io.kadmesh.pubsub;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.Scheduler;
import io.kadmesh.dht.node.DhtNode;

/**
 * A member's watch on the roots it subscribed at, so that roots that die are replaced within seconds
 * rather than at the next renewal: every {@link #CHECK_INTERVAL} it pings each root, one ping per root
 * node whatever the number of channels, and tells of each root that does not answer. Runs only while
 * this node is a member somewhere. Lives on the node's scheduler.
 */
final class RootWatch {

    /** How often a member makes sure the roots it subscribed at are alive. */
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(2);
    /**
     * How long after a root did not answer the member looks the roots up again: long enough that the
     * roots of one check found dead together cost one lookup.
     */
    static final Duration REJOIN_DELAY = Duration.ofMillis(100);

    private final DhtNode dht;
    private final Scheduler scheduler;
    private final Supplier<Collection<Topic>> topics;
    private final Consumer<NodeId> lost;
    private Scheduler.Timer timer;
    private long pings;

    /**
     * Watches the roots the member parts of {@code topics} subscribed at, telling {@code lost} of each
     * that does not answer.
     */
    RootWatch(DhtNode dht, Scheduler scheduler, Supplier<Collection<Topic>> topics, Consumer<NodeId> lost) {
        this.dht = dht;
        this.scheduler = scheduler;
        this.topics = topics;
        this.lost = lost;
    }

    /** Starts checking, when it is not already: a subscription was just taken. */
    void start() {
        if (timer == null) {
            timer = scheduler.schedule(CHECK_INTERVAL, this::check);
        }
    }

    /** Stops checking, until the next {@link #start}. */
    void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    /** How many pings the watch sent so far. */
    long pings() {
        return pings;
    }

    private void check() {
        Map<NodeId, Contact> roots = joinedRoots();
        pings += roots.size();
        for (Contact root : roots.values()) {
            dht.check(root).thenAccept(answered -> {
                if (!answered) {
                    lost.accept(root.id());
                }
            });
        }
        timer = roots.isEmpty() ? null : scheduler.schedule(CHECK_INTERVAL, this::check);
    }

    /** The other nodes that took a subscription of this node's, as a member with local subscribers. */
    private Map<NodeId, Contact> joinedRoots() {
        Map<NodeId, Contact> roots = new LinkedHashMap<>();
        for (Topic topic : topics.get()) {
            if (topic.locals.isEmpty()) {
                continue;
            }
            for (Contact root : topic.roots) {
                if (topic.joinedRoots.contains(root.id()) && !root.id().equals(dht.id())) {
                    roots.putIfAbsent(root.id(), root);
                }
            }
        }
        return roots;
    }
}
