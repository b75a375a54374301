package io.kadmesh.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

import io.kadmesh.spi.metrics.Direction;
import io.kadmesh.spi.metrics.MessageType;
import io.kadmesh.spi.metrics.MetricsRecorder;
import io.kadmesh.spi.metrics.NodeGauges;
import io.kadmesh.spi.metrics.RpcOutcome;
import io.kadmesh.spi.transport.Phase;

/**
 * The metrics plugin behind the node's guard (design.md §3.3: metrics cannot break message flow).
 * The node calls metrics only through this:
 * <ul>
 * <li>while metrics are off (live setting {@code kadmesh.metrics.enabled}), no plugin method is called
 * at all, exactly as with no plugin; the check is one volatile read;</li>
 * <li>every call is guarded: whatever the plugin throws is caught, counted, and logged at most once per
 * {@code kadmesh.metrics.failure-log-interval}; nothing reaches the caller;</li>
 * <li>after {@code kadmesh.metrics.max-consecutive-failures} failed calls in a row, the plugin is
 * switched off (and health's {@code metrics} check is DOWN) until config turns metrics off and on
 * again, which resets it; a call that succeeds ends the run.</li>
 * </ul>
 * The plugin gets the node's gauges ({@link MetricsRecorder#bind}) once, the first time metrics are
 * on. Safe to call from any thread; a plugin that blocks is not cut short, so plugins must not block.
 */
public final class GuardedMetrics {

    private static final Logger LOG = Logger.getLogger(GuardedMetrics.class);

    private final MetricsRecorder plugin;
    private final String pluginName;
    private final int maxConsecutiveFailures;
    private final FailureLog log;
    private final Gauges gauges;
    private final LongAdder failures = new LongAdder();
    private final AtomicInteger consecutive = new AtomicInteger();
    /** Enabled by config and not switched off: the one check on the path of every frame. */
    private volatile boolean active;
    private volatile boolean enabled;
    private volatile boolean switchedOff;
    private volatile String lastFailure;
    private boolean bound;
    private String commit = "none";
    private String profile = "default";

    /**
     * Guards {@code plugin}, named {@code pluginName} in logs and health, for a node whose transports
     * are {@code transports}; metrics start off until {@link #apply} turns them on.
     *
     * @param maxConsecutiveFailures failed calls in a row that switch the plugin off; at least 1
     * @param logInterval failures are logged at most once per this interval
     * @param nanoTime the time for the log's interval, as {@link System#nanoTime}
     */
    public GuardedMetrics(MetricsRecorder plugin, String pluginName, List<String> transports,
            int maxConsecutiveFailures, Duration logInterval, LongSupplier nanoTime) {
        if (maxConsecutiveFailures < 1) {
            throw new IllegalArgumentException(
                    "kadmesh.metrics.max-consecutive-failures must be at least 1, got " + maxConsecutiveFailures);
        }
        this.plugin = Objects.requireNonNull(plugin, "plugin");
        this.pluginName = Objects.requireNonNull(pluginName, "pluginName");
        this.maxConsecutiveFailures = maxConsecutiveFailures;
        this.log = new FailureLog(logInterval, nanoTime);
        this.gauges = new Gauges(List.copyOf(transports), this);
    }

    /**
     * Applies live settings: metrics on or off, and the config {@code commit} (null for the defaults
     * built in) and {@code profile} the node runs with. Turning metrics on after they were off resets a
     * plugin switched off for failing; a commit that leaves them on does not.
     */
    public synchronized void apply(boolean on, String commit, String profile) {
        this.commit = commit == null ? "none" : commit;
        this.profile = Objects.requireNonNull(profile, "profile");
        if (!on) {
            if (enabled) {
                LOG.infof("metrics off by config commit %s: the plugin %s is no longer called", this.commit,
                        pluginName);
            }
            enabled = false;
            active = false;
        } else if (!enabled) {
            enabled = true;
            switchedOff = false;
            consecutive.set(0);
            active = true;
            if (!bound) {
                bound = guarded("bind", () -> plugin.bind(gauges));
            }
            guarded("configApplied", () -> plugin.configApplied(this.commit, this.profile));
        } else if (active) {
            guarded("configApplied", () -> plugin.configApplied(this.commit, this.profile));
        }
    }

    /** Attaches the running node's figures to the gauges; {@link NodeReadings#NONE} detaches them. */
    public void attach(NodeReadings readings) {
        gauges.attach(readings);
    }

    /** A frame of {@code bytes} bytes on the wire went {@code direction} over a link of {@code transport}. */
    public void frame(String transport, Direction direction, MessageType type, long bytes) {
        if (active) {
            try {
                plugin.frame(transport, direction, type, bytes);
                succeeded();
            } catch (Throwable failure) {
                failed("frame", failure);
            }
        }
    }

    /** Transport {@code manager} failed in {@code phase}. */
    public void transportError(String manager, Phase phase) {
        if (active) {
            try {
                plugin.transportError(manager, phase);
                succeeded();
            } catch (Throwable failure) {
                failed("transportError", failure);
            }
        }
    }

    /** A request of {@code type} this node sent ended with {@code outcome} after {@code nanos}. */
    public void rpc(MessageType type, RpcOutcome outcome, long nanos) {
        if (active) {
            try {
                plugin.rpc(type, outcome, nanos);
                succeeded();
            } catch (Throwable failure) {
                failed("rpc", failure);
            }
        }
    }

    /** A lookup ended after {@code hops} rounds. */
    public void lookup(int hops) {
        if (active) {
            try {
                plugin.lookup(hops);
                succeeded();
            } catch (Throwable failure) {
                failed("lookup", failure);
            }
        }
    }

    /** The guard's state now, for health and REST. */
    public State state() {
        return new State(pluginName, enabled, switchedOff, failures.sum(), consecutive.get(), lastFailure);
    }

    /** Whether the plugin is called now: on by config, not switched off. */
    boolean active() {
        return active;
    }

    /** Failed plugin calls so far. */
    long failures() {
        return failures.sum();
    }

    /** Runs a call that is no hot path (bind, config), guarded; returns whether it succeeded. */
    private boolean guarded(String call, Runnable body) {
        try {
            body.run();
            succeeded();
            return true;
        } catch (Throwable failure) {
            failed(call, failure);
            return false;
        }
    }

    private void succeeded() {
        if (consecutive.get() != 0) {
            consecutive.set(0);
        }
    }

    private void failed(String call, Throwable failure) {
        failures.increment();
        int run = consecutive.incrementAndGet();
        try {
            lastFailure = call + ": " + failure;
            log.failed(pluginName, call, failure, run);
        } catch (RuntimeException e) {
            lastFailure = call + ": " + failure.getClass().getName() + " (which could not be described: " + e + ")";
        }
        if (run >= maxConsecutiveFailures) {
            switchOff(run);
        }
    }

    private synchronized void switchOff(int run) {
        if (!active || switchedOff) {
            return;
        }
        switchedOff = true;
        active = false;
        LOG.errorf("metrics plugin %s switched off after %d failed calls in a row (last: %s); message flow goes on"
                + " without metrics. Turn kadmesh.metrics.enabled off and on again by config to retry it", pluginName,
                run, lastFailure);
    }

    /**
     * The guard's state.
     *
     * @param plugin the plugin's name
     * @param enabled whether config turns metrics on
     * @param switchedOff whether the plugin was switched off after repeated failures
     * @param failures failed plugin calls since the node started
     * @param consecutiveFailures failed calls in a row, up to now
     * @param lastFailure the last failure, as call and exception; null if none
     */
    public record State(String plugin, boolean enabled, boolean switchedOff, long failures, int consecutiveFailures,
            String lastFailure) {

        /** Whether the plugin is called now. */
        public boolean active() {
            return enabled && !switchedOff;
        }
    }

    /** The gauges a plugin reads: the node's figures, and the guard's own. */
    private static final class Gauges implements NodeGauges {

        private final List<String> transports;
        private final GuardedMetrics guard;
        private volatile NodeReadings readings = NodeReadings.NONE;

        Gauges(List<String> transports, GuardedMetrics guard) {
            this.transports = transports;
            this.guard = guard;
        }

        void attach(NodeReadings readings) {
            this.readings = Objects.requireNonNull(readings, "readings");
        }

        @Override
        public List<String> transports() {
            return transports;
        }

        @Override
        public int connections(String transport, Direction direction) {
            return readings.connections(transport, direction);
        }

        @Override
        public int routingTableContacts() {
            return readings.routingTableContacts();
        }

        @Override
        public boolean ready() {
            return readings.ready();
        }

        @Override
        public boolean metricsEnabled() {
            return guard.active;
        }

        @Override
        public long metricsFailures() {
            return guard.failures.sum();
        }
    }
}
