package io.kadmesh.node;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

import io.kadmesh.bootstrap.BootstrapClient;
import io.kadmesh.bootstrap.BootstrapMessages;
import io.kadmesh.bootstrap.JoinProcedure;
import io.kadmesh.bootstrap.JoiningNode;
import io.kadmesh.config.NodeConfig;
import io.kadmesh.config.live.HealthFigures;
import io.kadmesh.config.live.LiveSettings;
import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeContext;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;
import io.kadmesh.dht.node.DhtNode;
import io.kadmesh.dht.node.NodeOptions;
import io.kadmesh.dht.protocol.AddressSyntax;
import io.kadmesh.dht.rpc.FloodLimits;
import io.kadmesh.dht.storage.StorageLimits;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.metrics.GuardedMetrics;
import io.kadmesh.pubsub.Pubsub;
import io.kadmesh.signaling.SignalExchange;
import io.kadmesh.spi.transport.TransportStatus;
import io.kadmesh.transport.OpenCircuitBreaker;
import io.kadmesh.transport.TransportRegistry;
import io.kadmesh.transport.TransportStackFactory;

/**
 * A running node: its identity, its DHT node on an event loop of the process's Vert.x, its way into
 * the network and the upkeep of its links. Built started by {@link #start}; {@link #stop} ends it for
 * good.
 */
public final class LiveNode {

    private static final Logger LOG = Logger.getLogger(LiveNode.class);
    /** Longest wait for one bootstrap exchange. */
    private static final Duration BOOTSTRAP_TIMEOUT = Duration.ofSeconds(5);
    /** How often the traffic is sampled for its rates. */
    private static final Duration TRANSFER_SAMPLE_INTERVAL = Duration.ofSeconds(1);

    private final NodeIdentity identity;
    private final NodeConfig config;
    private final Clock clock;
    private final EventLoopScheduler scheduler;
    private final DhtNode dht;
    private final JoinProcedure join;
    private final LinkUpkeep upkeep;
    private final NodeMetrics metrics;
    private final TransportRegistry peerTransport;
    private final TransportRegistry onboardingTransport;
    private final SignalExchange signals;
    private final Pubsub pubsub;
    private volatile boolean joined;
    private volatile LiveSettings settings;

    private LiveNode(NodeIdentity identity, String advertised, NodeConfig config, LiveSettings settings,
            TransportStackFactory transports, GuardedMetrics metrics, EventLoopScheduler scheduler, Clock clock) {
        this.identity = identity;
        this.metrics = new NodeMetrics(metrics, clock);
        this.config = config;
        this.settings = settings;
        this.clock = clock;
        SecureRandom random = new SecureRandom();
        this.scheduler = scheduler;
        this.peerTransport = transports.peerTransport(identity, advertised, scheduler, random, this.metrics);
        this.onboardingTransport = transports.onboardingTransport(this.metrics);
        this.signals = new SignalExchange(peerTransport, clock, identity.id().toHex(), transports.signaled(), this.metrics);
        this.dht = new DhtNode(new Contact(identity.id(), advertised), parameters(config, settings),
                intervals(settings), signals,
                new NodeContext(clock, scheduler, random), new NodeOptions(identity.recordSigner(),
                        storageLimits(config), floodLimits(config, settings), AddressSyntax.webSocket(),
                        this.metrics));
        this.join = new JoinProcedure(JoiningNode.of(dht),
                new BootstrapClient(onboardingTransport, identity, random, BOOTSTRAP_TIMEOUT),
                bootstrapUrls(config), config.bootstrap(), scheduler, random, this::registration);
        this.upkeep = new LinkUpkeep(dht, config, () -> this.settings, scheduler, clock, () -> joined);
        this.pubsub = new Pubsub(dht, identity.recordSigner(), scheduler, clock, fanOut(config));
    }

    /**
     * Starts the node {@code identity}, known to peers as {@code advertised}, with the live
     * {@code settings} in force, and its way into the network, measured by {@code metrics}; its work
     * runs on {@code scheduler}, which {@link #stop} closes.
     */
    static LiveNode start(NodeIdentity identity, String advertised, NodeConfig config, LiveSettings settings,
            TransportStackFactory transports, GuardedMetrics metrics, EventLoopScheduler scheduler, Clock clock) {
        LiveNode node = new LiveNode(identity, advertised, config, settings, transports, metrics, scheduler, clock);
        node.metrics.attach(node);
        node.dht.start();
        node.pubsub.start();
        if (bootstrapUrls(config).isEmpty() && config.role() == NodeConfig.Role.BOOTSTRAP) {
            node.joined = true;
        } else {
            node.join.start().thenRun(() -> {
                node.joined = true;
                node.upkeep.checkNow();
            });
        }
        node.upkeep.start();
        node.scheduler.schedule(TRANSFER_SAMPLE_INTERVAL, node::sampleTransfer);
        return node;
    }

    /** Notes the traffic so far for its rates, and again a second later, until the scheduler closes. */
    private void sampleTransfer() {
        metrics.transfer().sample(clock.millis());
        scheduler.schedule(TRANSFER_SAMPLE_INTERVAL, this::sampleTransfer);
    }

    /** The node's traffic since it started, and its rates over the last ten seconds. */
    public Transfer transfer() {
        return metrics.transfer().read(clock.millis());
    }

    /**
     * Runs with {@code newSettings} from now on: maintenance intervals, the find_node rate limit,
     * link bounds (checked at once) and what readiness asks. Returns once the DHT runs with them.
     */
    CompletableFuture<Void> apply(LiveSettings newSettings) {
        settings = newSettings;
        return dht.retune(intervals(newSettings), newSettings.refreshInterval(), newSettings.findNodeRateLimit())
                .thenRun(upkeep::checkNow);
    }

    /** Whether the node is ready, its links and how long its recent lookups took, now. */
    public HealthFigures health() {
        OptionalDouble lookup = dht.readiness().recentLookupMillis();
        return new HealthFigures(clock.instant(), isReady(), linkCount(),
                lookup.isPresent() ? lookup.getAsDouble() : null);
    }

    /** The live settings in force. */
    public LiveSettings settings() {
        return settings;
    }

    private static MaintenanceIntervals intervals(LiveSettings settings) {
        return new MaintenanceIntervals(settings.pingInterval(), settings.staleCleanupInterval());
    }

    private static KademliaParameters parameters(NodeConfig config, LiveSettings settings) {
        int alpha = config.dht().alpha();
        if (alpha < 1 || alpha > KademliaParameters.DEFAULTS.k()) {
            throw new IllegalArgumentException("kadmesh.dht.alpha must be between 1 and k ("
                    + KademliaParameters.DEFAULTS.k() + "), got " + alpha);
        }
        return KademliaParameters.DEFAULTS.withRpcTimeout(config.dht().rpcTimeout())
                .withRefresh(settings.refreshInterval()).withAlpha(config.dht().alpha());
    }

    private static int fanOut(NodeConfig config) {
        int fanOut = config.pubsub().fanOut();
        if (fanOut < Pubsub.MIN_FAN_OUT || fanOut > Pubsub.MAX_FAN_OUT) {
            throw new IllegalArgumentException("kadmesh.pubsub.fan-out must be between " + Pubsub.MIN_FAN_OUT
                    + " and " + Pubsub.MAX_FAN_OUT + ", got " + fanOut);
        }
        return fanOut;
    }

    private static StorageLimits storageLimits(NodeConfig config) {
        NodeConfig.Storage storage = config.storage();
        return new StorageLimits(storage.maxBytes().asLongValue(), storage.maxBytesPerSender().asLongValue(),
                storage.maxBytesPerPublisher().asLongValue());
    }

    private static FloodLimits floodLimits(NodeConfig config, LiveSettings settings) {
        return new FloodLimits(config.dht().requestRateLimit(), settings.findNodeRateLimit(),
                config.dht().maxQueuedFrames());
    }

    private static List<String> bootstrapUrls(NodeConfig config) {
        return config.bootstrap().urls().orElse(List.of());
    }

    private BootstrapMessages.Status registration() {
        return new BootstrapMessages.Status(dht.contact(), isReady(), upkeep.linkCount());
    }

    /**
     * Stops the node within {@code timeout}: no more joining, heartbeats or link upkeep; every
     * bootstrap told the node leaves (given at most half the time); then, on the event loop, pending
     * requests fail and every link closes with 1001; then the node's tasks end. Returns whether all
     * of it finished in time.
     */
    boolean stop(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        upkeep.stop();
        metrics.detach();
        pubsub.stop();
        boolean told = leaveBootstraps(timeout.dividedBy(2));
        dht.stop();
        boolean ended = scheduler.close(Duration.ofNanos(deadline - System.nanoTime()));
        if (!told || !ended) {
            LOG.warnf("node %s did not stop within %s: %s", identity.id(), timeout,
                    ended ? "the bootstraps did not answer its leave" : "its queued tasks did not finish");
        }
        return told && ended;
    }

    private boolean leaveBootstraps(Duration wait) {
        try {
            join.leave().get(wait.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The node's identity. */
    NodeIdentity identity() {
        return identity;
    }

    /**
     * What the node knows of its own paths: its connection managers (the transports of {@code statuses}),
     * their links, recent failed dials and circuit breakers not closed, and its metrics.
     */
    public NodeCondition condition(Map<String, TransportStatus> statuses) {
        GuardedMetrics.State state = metrics.state();
        return new NodeCondition(dht.id().toHex(), role().name().toLowerCase(Locale.ROOT), isReady(), joined,
                lastJoinError(), ConnectionManagers.of(statuses, metrics, openBreakers()),
                new NodeCondition.Metrics(state.plugin(), state.enabled(), state.switchedOff(), state.failures(),
                        state.lastFailure()));
    }

    /** The circuit breakers not closed, by transport, of the dials to peers and to the bootstraps both. */
    private Map<String, List<OpenCircuitBreaker>> openBreakers() {
        Map<String, List<OpenCircuitBreaker>> open = new LinkedHashMap<>();
        for (TransportRegistry registry : List.of(peerTransport, onboardingTransport)) {
            registry.openBreakers().forEach((transport, breakers) -> open
                    .computeIfAbsent(transport, id -> new ArrayList<>()).addAll(breakers));
        }
        return open;
    }

    /** The pairs of browsers this node relays between now, each as its two ids in order. */
    public List<List<String>> relayedPairs() {
        return signals.relayedPairs();
    }

    /** The DHT node. */
    public DhtNode dht() {
        return dht;
    }

    /** Pubsub on this node: publishing, subscribing, and the roots' part. */
    public Pubsub pubsub() {
        return pubsub;
    }

    /** This node's role. */
    public NodeConfig.Role role() {
        return config.role();
    }

    /** Whether the node has joined the network (a bootstrap without peers to join counts as joined). */
    public boolean isJoined() {
        return joined;
    }

    /** Links open at the last check. */
    public int linkCount() {
        return upkeep.linkCount();
    }

    /** Why joining last failed; empty when it did not. */
    public String lastJoinError() {
        return join.lastError();
    }

    /** When a lookup last reached other nodes, or null if none has yet. */
    public Instant lastLookupSucceeded() {
        return dht.readiness().lastLookupSucceeded();
    }

    /**
     * Ready means useful to the DHT: joined, at least the minimum number of live links, and a lookup
     * that reached other nodes within the last refresh interval.
     */
    public boolean isReady() {
        Instant last = dht.readiness().lastLookupSucceeded();
        LiveSettings now = settings;
        return joined && upkeep.linkCount() >= now.connectionsMin() && last != null
                && last.isAfter(clock.instant().minus(now.refreshInterval()));
    }
}
