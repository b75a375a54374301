package io.kadmesh.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.kadmesh.config.NodeConfig;
import io.kadmesh.config.live.LiveSettings;
import io.kadmesh.dht.Scheduler;
import io.kadmesh.dht.node.DhtNode;

/**
 * Keeps the node's links between {@code kadmesh.connections.min} and {@code .max}, checking every
 * {@code kadmesh.connections.check-interval}, and looks up the node's own id when no lookup has
 * reached other nodes for half a refresh interval, so that a quiet node stays ready. The bounds and
 * the refresh interval are the live settings in force at each check.
 */
final class LinkUpkeep {

    private final DhtNode dht;
    private final NodeConfig config;
    private final Supplier<LiveSettings> live;
    private final Scheduler scheduler;
    private final Clock clock;
    private final BooleanSupplier joined;
    private volatile int linkCount;
    private volatile boolean stopped;

    LinkUpkeep(DhtNode dht, NodeConfig config, Supplier<LiveSettings> live, Scheduler scheduler, Clock clock,
            BooleanSupplier joined) {
        this.dht = dht;
        this.config = config;
        this.live = live;
        this.scheduler = scheduler;
        this.clock = clock;
        this.joined = joined;
    }

    /** Schedules the first check. */
    void start() {
        scheduler.schedule(config.connections().checkInterval(), this::check);
    }

    /** Schedules no further check. */
    void stop() {
        stopped = true;
    }

    /** Links open at the last check. */
    int linkCount() {
        return linkCount;
    }

    /**
     * Checks once, out of turn, without moving the regular checks: right after joining, so that the
     * link count readiness reads is the one joining left, not the one of the last check before it.
     */
    void checkNow() {
        if (!stopped) {
            balance();
        }
    }

    private void check() {
        if (!stopped) {
            balance().whenComplete((open, failure) -> scheduler.schedule(config.connections().checkInterval(),
                    this::check));
        }
    }

    private CompletableFuture<Integer> balance() {
        LiveSettings settings = live.get();
        return dht.linkBalancer()
                .balance(settings.connectionsMin(), settings.connectionsMax(), config.connections().idleBeforeTrim())
                .whenComplete((open, failure) -> {
                    if (open != null) {
                        linkCount = open;
                    }
                    refreshLookupIfStale();
                });
    }

    private void refreshLookupIfStale() {
        Instant last = dht.readiness().lastLookupSucceeded();
        Duration halfRefresh = live.get().refreshInterval().dividedBy(2);
        if (!stopped && joined.getAsBoolean() && linkCount > 0
                && (last == null || last.isBefore(clock.instant().minus(halfRefresh)))) {
            dht.findNode(dht.id());
        }
    }
}
