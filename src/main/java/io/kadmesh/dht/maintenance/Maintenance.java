package io.kadmesh.dht.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeContext;
import io.kadmesh.dht.Scheduler;
import io.kadmesh.dht.storage.StoredRecord;

/**
 * The periodic work that keeps a node's view of the network true: bucket refresh, liveness pings
 * that evict stale contacts, replication and republishing of records, and expiry. Every task runs
 * on the node's scheduler, so a simulation drives it with virtual time. The first run of each task
 * is spread randomly over its period, so that nodes started together do not act in step. It works
 * through a {@link MaintainedNode}.
 */
public final class Maintenance {

    /**
     * Most liveness pings one round sends: a bound on what checking costs (each ping to a contact
     * without a link opens one), at most twice this many per ping interval.
     */
    public static final int LIVENESS_CHECKS_PER_ROUND = 64;

    private final MaintainedNode node;
    private final NodeContext context;
    private MaintenanceIntervals intervals;
    private Duration refresh;
    private final List<Periodic> tasks = new ArrayList<>();

    /** Maintenance of {@code node}, with {@code context}'s clock, scheduler and randomness. */
    public Maintenance(MaintainedNode node, MaintenanceIntervals intervals, NodeContext context) {
        this.node = node;
        this.intervals = intervals;
        this.refresh = node.parameters().tRefresh();
        this.context = context;
    }

    /** Schedules every task. Call on the scheduler. */
    public void start() {
        KademliaParameters parameters = node.parameters();
        every(refresh, this::refreshBuckets);
        every(intervals.ping().dividedBy(2), this::pingSilentContacts);
        every(parameters.tRepublish(), this::republishOwnRecords);
        every(parameters.tReplicate(), this::replicateRecords);
        every(intervals.staleCleanup(), () -> node.expireRecords(context.clock().instant()));
    }

    /**
     * Runs every task from now on with {@code newIntervals} and buckets refreshed after
     * {@code newRefresh}: each task's next run falls anew within its new period, as at the start.
     * Call on the scheduler, after {@link #start}.
     */
    public void retune(MaintenanceIntervals newIntervals, Duration newRefresh) {
        stop();
        intervals = newIntervals;
        refresh = newRefresh;
        start();
    }

    /** Cancels every task. Call on the scheduler. */
    public void stop() {
        tasks.forEach(Periodic::cancel);
        tasks.clear();
    }

    private void every(Duration period, Runnable task) {
        Periodic periodic = new Periodic(period, task);
        tasks.add(periodic);
        periodic.arm(Duration.ofMillis(1 + context.random().nextLong(Math.max(1, period.toMillis()))));
    }

    /** Looks up a random id in every bucket no lookup has touched for the refresh interval. */
    void refreshBuckets() {
        node.bucketsIdleFor(refresh).forEach(node::refreshBucket);
    }

    /**
     * Every half ping interval, pings the contacts silent for half a ping interval, at most
     * {@link #LIVENESS_CHECKS_PER_ROUND} of them, silent longest first. So a contact that died is
     * pinged within one ping interval of when it was last heard from, whether or not this node had a
     * link to it, and leaves the table when the ping fails.
     */
    void pingSilentContacts() {
        Instant silentSince = context.clock().instant().minus(intervals.ping().dividedBy(2));
        node.silentContacts(silentSince, LIVENESS_CHECKS_PER_ROUND).forEach(node::check);
    }

    /** Stores every record this node published again, on the nodes now closest to its key. */
    void republishOwnRecords() {
        for (StoredRecord record : node.records()) {
            if (record.original()) {
                node.republish(record);
            }
        }
    }

    /**
     * Sends the live replicas this node holds, and has not received again for a replication period,
     * to the nodes it now knows closest to their keys.
     */
    void replicateRecords() {
        Duration tReplicate = node.parameters().tReplicate();
        Instant now = context.clock().instant();
        for (StoredRecord record : node.records()) {
            if (!record.original() && !record.isExpired(now) && !now.isBefore(record.storedAt().plus(tReplicate))) {
                node.replicate(record);
            }
        }
    }

    /** A task that runs every period until cancelled. */
    private final class Periodic {
        private final Duration period;
        private final Runnable task;
        private Scheduler.Timer timer;
        private boolean cancelled;

        Periodic(Duration period, Runnable task) {
            this.period = period;
            this.task = task;
        }

        void arm(Duration delay) {
            timer = context.scheduler().schedule(delay, () -> {
                if (!cancelled) {
                    task.run();
                    arm(period);
                }
            });
        }

        void cancel() {
            cancelled = true;
            timer.cancel();
        }
    }
}
