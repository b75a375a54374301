package io.kadmesh.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.kadmesh.dht.node.DhtNode;
import io.kadmesh.dht.rpc.RpcException;
import io.kadmesh.dht.rpc.RpcObserver;
import io.kadmesh.metrics.GuardedMetrics;
import io.kadmesh.metrics.NodeReadings;
import io.kadmesh.spi.metrics.Direction;
import io.kadmesh.spi.metrics.MessageType;
import io.kadmesh.spi.metrics.RpcOutcome;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.TransportException;
import io.kadmesh.transport.TransportErrors;

/**
 * The running node's metrics: what its endpoint, lookups and transports observe, handed to the guarded
 * plugin (which drops it at once while metrics are off), and the figures its gauges read. The open
 * links per transport and direction, and the traffic in total ({@link TransferMeter}), are counted
 * here whether metrics are on or off, so that they are right when metrics come on, and so that
 * {@code GET /api/node} shows the traffic either way.
 */
final class NodeMetrics implements RpcObserver, TransportErrors, NodeReadings {

    private final GuardedMetrics metrics;
    private final TransferMeter transfer;
    private final Clock clock;
    private final DialFailureLog dialFailures = new DialFailureLog();
    private final Map<String, AtomicInteger[]> links = new ConcurrentHashMap<>();
    private volatile LiveNode node;
    private volatile int contacts;
    private volatile boolean counting;

    /** Metrics through {@code metrics}, traffic counted from now on {@code clock}. */
    NodeMetrics(GuardedMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
        this.transfer = new TransferMeter(clock.millis());
    }

    /** The metrics guard's state: on, off, or switched off after failures. */
    GuardedMetrics.State state() {
        return metrics.state();
    }

    /** Reads {@code node}'s figures from now on. */
    void attach(LiveNode node) {
        this.node = node;
        metrics.attach(this);
    }

    /** Stops reading the node: the gauges read no node. */
    void detach() {
        metrics.attach(NodeReadings.NONE);
    }

    /** The traffic counters, for the node's rates. */
    TransferMeter transfer() {
        return transfer;
    }

    @Override
    public void received(String transport, String type, long bytes) {
        transfer.received(bytes);
        metrics.frame(transport, Direction.IN, MessageType.ofWire(type), bytes);
    }

    @Override
    public void sent(String transport, String type, long bytes) {
        transfer.sent(bytes);
        metrics.frame(transport, Direction.OUT, MessageType.ofWire(type), bytes);
    }

    @Override
    public void sendFailed(String transport) {
        metrics.transportError(transport, Phase.SEND);
    }

    @Override
    public void failed(String transportId, Phase phase) {
        metrics.transportError(transportId, phase);
    }

    @Override
    public void failed(TransportException error) {
        dialFailures.add(Instant.ofEpochMilli(clock.millis()), error);
        failed(error.transportId(), error.phase());
    }

    /** The latest failed dials. */
    DialFailureLog dialFailures() {
        return dialFailures;
    }

    @Override
    public void lookupEnded(int hops) {
        metrics.lookup(hops);
    }

    @Override
    public void linkOpened(String transport, boolean inbound) {
        counter(transport, inbound).incrementAndGet();
    }

    @Override
    public void linkClosed(String transport, boolean inbound) {
        counter(transport, inbound).decrementAndGet();
    }

    @Override
    public void requestEnded(String type, RpcException.Kind failure, Duration took) {
        metrics.rpc(MessageType.ofWire(type), outcome(failure), took.toNanos());
    }

    @Override
    public int connections(String transport, Direction direction) {
        AtomicInteger[] counts = links.get(transport);
        return counts == null ? 0 : Math.max(0, counts[direction.ordinal()].get());
    }

    /**
     * The routing table's size as last counted: the table belongs to the node's event loop, so each
     * read asks it for a fresh count and answers the one before, at most one count in flight.
     */
    @Override
    public int routingTableContacts() {
        LiveNode now = node;
        if (now != null && !counting) {
            counting = true;
            DhtNode dht = now.dht();
            dht.knownContacts().whenComplete((known, failure) -> {
                if (known != null) {
                    contacts = known.size();
                }
                counting = false;
            });
        }
        return contacts;
    }

    @Override
    public boolean ready() {
        LiveNode now = node;
        return now != null && now.isReady();
    }

    private AtomicInteger counter(String transport, boolean inbound) {
        AtomicInteger[] counts = links.computeIfAbsent(transport,
                ignored -> new AtomicInteger[] { new AtomicInteger(), new AtomicInteger() });
        return counts[(inbound ? Direction.IN : Direction.OUT).ordinal()];
    }

    private static RpcOutcome outcome(RpcException.Kind failure) {
        if (failure == null) {
            return RpcOutcome.OK;
        }
        return switch (failure) {
            case TIMEOUT -> RpcOutcome.TIMEOUT;
            case UNREACHABLE -> RpcOutcome.UNREACHABLE;
            case CLOSED -> RpcOutcome.CLOSED;
            case STOPPED -> RpcOutcome.STOPPED;
            case REMOTE_ERROR -> RpcOutcome.REMOTE_ERROR;
        };
    }
}
