package io.kadmesh.plugin.micrometer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

import jakarta.enterprise.context.ApplicationScoped;

import io.kadmesh.spi.metrics.Direction;
import io.kadmesh.spi.metrics.MessageType;
import io.kadmesh.spi.metrics.MetricsRecorder;
import io.kadmesh.spi.metrics.NodeGauges;
import io.kadmesh.spi.metrics.RpcOutcome;
import io.kadmesh.spi.transport.Phase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The node's metrics as Micrometer meters (names in Micrometer's dotted form; Prometheus shows
 * {@code kadmesh.transfer.bytes} as {@code kadmesh_transfer_bytes_total}). Every tag value comes from
 * a bounded set: the SPI's enums, the transport ids and one config commit at a time. The meters of a
 * frame are found by array index and one map lookup by transport id, so recording allocates nothing.
 */
@ApplicationScoped
public class MicrometerRecorder implements MetricsRecorder {

    private static final MessageType[] TYPES = MessageType.values();
    private static final RpcOutcome[] OUTCOMES = RpcOutcome.values();
    private static final Duration[] RPC_BUCKETS = { Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5) };

    private final MeterRegistry registry;
    private final Map<String, TransportMeters> transports = new ConcurrentHashMap<>();
    private final AtomicReferenceArray<Timer> rpc = new AtomicReferenceArray<>(TYPES.length * OUTCOMES.length);
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();
    private final DistributionSummary hops;
    private final AtomicReference<Meter> configInfo = new AtomicReference<>();

    MicrometerRecorder(MeterRegistry registry) {
        this.registry = registry;
        this.hops = DistributionSummary.builder("kadmesh.lookup.hops")
                .description("Rounds of peers an iterative lookup asked").serviceLevelObjectives(1, 2, 3, 4, 5, 6, 8, 10,
                        15, 20)
                .register(registry);
    }

    @Override
    public void bind(NodeGauges gauges) {
        for (String transport : gauges.transports()) {
            for (Direction direction : Direction.values()) {
                Gauge.builder("kadmesh.connections", gauges, g -> g.connections(transport, direction))
                        .description("Open links, accepted (in) or dialed (out)").tag("transport", transport)
                        .tag("direction", direction.label()).register(registry);
            }
        }
        Gauge.builder("kadmesh.routing.table.contacts", gauges, NodeGauges::routingTableContacts)
                .description("Contacts in the routing table").register(registry);
        Gauge.builder("kadmesh.node.ready", gauges, g -> g.ready() ? 1 : 0)
                .description("1 when the node is ready: joined, enough links, a recent lookup").register(registry);
        Gauge.builder("kadmesh.metrics.enabled", gauges, g -> g.metricsEnabled() ? 1 : 0)
                .description("1 while the node records metrics").register(registry);
        FunctionCounter.builder("kadmesh.metrics.failures", gauges, NodeGauges::metricsFailures)
                .description("Calls of the metrics plugin that failed").register(registry);
    }

    @Override
    public void frame(String transport, Direction direction, MessageType type, long bytes) {
        TransportMeters meters = transports.get(transport);
        if (meters == null) {
            meters = transports.computeIfAbsent(transport, id -> new TransportMeters(registry, id));
        }
        meters.bytes[direction.ordinal()].increment(bytes);
        meters.messages[direction.ordinal() * TYPES.length + type.ordinal()].increment();
    }

    @Override
    public void transportError(String manager, Phase phase) {
        errors.computeIfAbsent(manager + '/' + phase, key -> Counter.builder("kadmesh.transport.errors")
                .description("Failures to reach or use a link, by transport and phase").tag("manager", manager)
                .tag("phase", phase.name().toLowerCase(java.util.Locale.ROOT)).register(registry)).increment();
    }

    @Override
    public void rpc(MessageType type, RpcOutcome outcome, long nanos) {
        int index = type.ordinal() * OUTCOMES.length + outcome.ordinal();
        Timer timer = rpc.get(index);
        if (timer == null) {
            timer = Timer.builder("kadmesh.rpc").description("Requests this node sent, until answered or failed")
                    .tag("type", type.label()).tag("outcome", outcome.label()).serviceLevelObjectives(RPC_BUCKETS)
                    .register(registry);
            rpc.set(index, timer);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void lookup(int hops) {
        this.hops.record(hops);
    }

    /** Replaces the one {@code kadmesh_config_info} series with the commit and profile now in force. */
    @Override
    public synchronized void configApplied(String commit, String profile) {
        Meter previous = configInfo.get();
        if (previous != null) {
            registry.remove(previous);
        }
        configInfo.set(Gauge.builder("kadmesh.config.info", () -> 1).description("The config commit in force")
                .tag("commit", commit).tag("profile", profile).register(registry));
    }

    /** The byte and message counters of one transport, by direction and type. */
    private static final class TransportMeters {

        final Counter[] bytes = new Counter[Direction.values().length];
        final Counter[] messages = new Counter[Direction.values().length * TYPES.length];

        TransportMeters(MeterRegistry registry, String transport) {
            for (Direction direction : Direction.values()) {
                bytes[direction.ordinal()] = Counter.builder("kadmesh.transfer.bytes").baseUnit("bytes")
                        .description("Bytes of peer-protocol frames on the wire (UTF-8)").tag("transport", transport)
                        .tag("direction", direction.label()).register(registry);
                for (MessageType type : TYPES) {
                    messages[direction.ordinal() * TYPES.length + type.ordinal()] = Counter
                            .builder("kadmesh.messages").description("Peer-protocol frames")
                            .tag("transport", transport).tag("direction", direction.label()).tag("type", type.label())
                            .register(registry);
                }
            }
        }
    }
}
