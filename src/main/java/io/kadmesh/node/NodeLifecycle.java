package io.kadmesh.node;

import java.nio.file.Path;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.kadmesh.bootstrap.Introductions;
import io.kadmesh.bootstrap.Onboarding;
import io.kadmesh.config.NodeConfig;
import io.kadmesh.config.live.ConfigSnapshot;
import io.kadmesh.config.live.HealthFigures;
import io.kadmesh.config.live.LiveConfiguration;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.metrics.GuardedMetrics;
import io.kadmesh.transport.TransportStackFactory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServer;
import io.vertx.core.Vertx;

/**
 * Starts and stops this process's node. {@code kadmesh serve} starts it once the HTTP server
 * listens; the process's shutdown stops it, within {@code kadmesh.shutdown.timeout}. REST, health
 * and the bootstrap endpoint read the node through {@link #state()} and {@link #running()}.
 */
@ApplicationScoped
public class NodeLifecycle {

    private static final Logger LOG = Logger.getLogger(NodeLifecycle.class);

    private final NodeConfig config;
    private final TransportStackFactory transports;
    private final Onboarding onboarding;
    private final HttpServer httpServer;
    private final Clock clock;
    private final Vertx vertx;
    private final LiveConfiguration live;
    private final GuardedMetrics metrics;
    private volatile NodeState state = new NodeState.NotRunning("the node has not started yet");
    private boolean started;
    private NodeIdentity identity;

    NodeLifecycle(NodeConfig config, TransportStackFactory transports, Onboarding onboarding, HttpServer httpServer,
            Clock clock, Vertx vertx, LiveConfiguration live, GuardedMetrics metrics) {
        this.metrics = metrics;
        this.config = config;
        this.transports = transports;
        this.onboarding = onboarding;
        this.httpServer = httpServer;
        this.clock = clock;
        this.vertx = vertx;
        this.live = live;
    }

    /**
     * Loads the node's key, and signs once, before the HTTP server opens its socket: the node itself
     * can start only once the port is bound (it advertises it), so this is work the start after it
     * need not do. A key that cannot be loaded is left for {@link #start} to report.
     */
    void onStartup(@Observes StartupEvent event) {
        if (config.enabled()) {
            try {
                identity().sign(new byte[0]);
            } catch (RuntimeException e) {
                LOG.debugf("the node's key is not loaded before start: %s", e.getMessage());
            }
        }
    }

    private synchronized NodeIdentity identity() {
        if (identity == null) {
            identity = NodeIdentity.loadOrCreate(Path.of(config.identity().keyFile()));
        }
        return identity;
    }

    /**
     * Starts the node, unless it runs already or has stopped (a stopped node does not come back in
     * the same process), or {@code kadmesh.node.enabled} is false.
     */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        if (!config.enabled()) {
            state = new NodeState.NotRunning("this process runs no DHT node (kadmesh.node.enabled=false)");
            return;
        }
        LiveNode node;
        try {
            NodeIdentity identity = identity();
            String advertised = advertisedUrl();
            node = LiveNode.start(identity, advertised, config, live.current().settings(), transports, metrics,
                    EventLoopScheduler.on(vertx.nettyEventLoopGroup().next()), clock);
            LOG.infof("node %s (%s) listening as %s", identity.id(), config.role().name().toLowerCase(), advertised);
        } catch (RuntimeException e) {
            state = new NodeState.NotRunning("the node failed to start: " + e.getMessage());
            throw e;
        }
        if (config.role() == NodeConfig.Role.BOOTSTRAP) {
            onboarding.open(new Introductions(node.dht(), node.identity()));
        }
        state = new NodeState.Running(node);
    }

    /** Stops the node within {@code kadmesh.shutdown.timeout}, if it runs; see {@link LiveNode#stop}. */
    public synchronized void stop() {
        if (state instanceof NodeState.Running running) {
            onboarding.close("this bootstrap is stopping");
            state = new NodeState.NotRunning("the node is stopping");
            running.node().stop(config.shutdown().timeout());
            state = new NodeState.NotRunning("the node has stopped");
        }
    }

    /**
     * Applies a new commit's settings to the running node, and records the node's health at that
     * moment in the config history: the baseline a verification of the change compares with.
     */
    synchronized void onConfigApplied(@Observes ConfigSnapshot snapshot) {
        live.history().record(snapshot, health());
        if (state instanceof NodeState.Running running) {
            running.node().apply(snapshot.settings()).exceptionally(failure -> {
                LOG.errorf(failure, "the node could not apply config commit %s", snapshot.commit());
                return null;
            });
        }
    }

    /** The node's health now: not ready, without links, when it does not run. */
    public HealthFigures health() {
        if (state instanceof NodeState.Running running) {
            return running.node().health();
        }
        return new HealthFigures(clock.instant(), false, 0, null);
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stop();
    }

    /** The node now, or why there is none. */
    public NodeState state() {
        return state;
    }

    /** The running node; throws {@link NodeNotRunningException} saying why there is none. */
    public LiveNode running() {
        NodeState now = state;
        if (now instanceof NodeState.Running running) {
            return running.node();
        }
        throw new NodeNotRunningException(((NodeState.NotRunning) now).reason());
    }

    /** {@code kadmesh.advertised-url}, or the loopback URL of the port the HTTP server bound. */
    private String advertisedUrl() {
        return config.advertisedUrl().orElseGet(() -> {
            int port = httpServer.getPort();
            if (port <= 0) {
                throw new IllegalStateException("cannot advertise this node: the HTTP server does not listen yet, so "
                        + "its port is unknown; start the node after it listens, or set kadmesh.advertised-url");
            }
            return "ws://127.0.0.1:" + port + "/dht";
        });
    }
}
