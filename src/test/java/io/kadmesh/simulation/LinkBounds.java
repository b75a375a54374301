package io.kadmesh.simulation;

import java.time.Duration;
import java.util.Objects;

import io.kadmesh.dht.Scheduler;
import io.kadmesh.dht.node.DhtNode;

/**
 * The bounds a simulated node keeps its links within, checked as a live node checks them
 * ({@code kadmesh.connections.*}, {@code LinkUpkeep}): every {@code checkInterval} of virtual time,
 * the node's {@link io.kadmesh.dht.node.LinkBalancer} dials its closest contacts below {@code min},
 * and above {@code max} closes the links with nothing in flight, open for {@code idleBeforeTrim},
 * that are least useful to its routing table. Without it, a simulated node keeps every link it ever
 * opened: a few hundred each in a network of thousands, which a live node never holds.
 *
 * @param min fewest open links
 * @param max most open links kept
 * @param idleBeforeTrim how long a link must have been open, and idle if outbound, to be closed
 * @param checkInterval how often the links are counted against the bounds
 */
public record LinkBounds(int min, int max, Duration idleBeforeTrim, Duration checkInterval) {

    /** A live node's defaults: 3 to 8 links, trimmed after 2 s, checked every second ({@code docs/config.md}). */
    public static final LinkBounds NODE_DEFAULTS = new LinkBounds(3, 8, Duration.ofSeconds(2), Duration.ofSeconds(1));

    public LinkBounds {
        Objects.requireNonNull(idleBeforeTrim, "idleBeforeTrim must be set");
        Objects.requireNonNull(checkInterval, "checkInterval must be set");
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("bounds need 0 <= min <= max, got " + min + " and " + max);
        }
        if (idleBeforeTrim.isNegative() || checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException("idleBeforeTrim must be >= 0 and checkInterval > 0, got "
                    + idleBeforeTrim + " and " + checkInterval);
        }
    }

    /**
     * Keeps {@code node}'s links within these bounds from one check interval from now on, until the
     * returned timer is cancelled. {@code scheduler} is the simulation's time.
     */
    Scheduler.Timer keep(DhtNode node, Scheduler scheduler) {
        Upkeep upkeep = new Upkeep(node, scheduler);
        upkeep.next();
        return upkeep;
    }

    /** One node's periodic check; cancelling it stops the checks. */
    private final class Upkeep implements Scheduler.Timer {

        private final DhtNode node;
        private final Scheduler scheduler;
        private Scheduler.Timer next;
        private boolean stopped;

        Upkeep(DhtNode node, Scheduler scheduler) {
            this.node = node;
            this.scheduler = scheduler;
        }

        void next() {
            next = scheduler.schedule(checkInterval, this::check);
        }

        private void check() {
            if (!stopped) {
                node.linkBalancer().balance(min, max, idleBeforeTrim).whenComplete((open, failure) -> next());
            }
        }

        @Override
        public void cancel() {
            stopped = true;
            next.cancel();
        }
    }
}
