package io.kadmesh.node;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.kadmesh.bootstrap.BootstrapClient;
import io.kadmesh.bootstrap.BootstrapMessages;
import io.kadmesh.bootstrap.JoinProcedure;
import io.kadmesh.config.NodeConfig;
import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeContext;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;
import io.kadmesh.dht.node.DhtNode;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.transport.TransportStackFactory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.CommandLineArguments;

/**
 * The live node: its identity, its transports behind their guards and the hello handshake, its DHT
 * node on an event loop, its way into the network, and the upkeep of its links between
 * {@code kadmesh.connections.min} and {@code .max}. Everything else (REST, health, the bootstrap
 * endpoint) reads the node through this bean.
 */
@ApplicationScoped
public class NodeRuntime {

    private static final Logger LOG = Logger.getLogger(NodeRuntime.class);
    /** Random contacts a bootstrap adds to the closest ones when introducing a newcomer. */
    private static final int RANDOM_INTRODUCTIONS = 3;

    private final NodeConfig config;
    private final TransportStackFactory transports;
    private EventLoopScheduler scheduler;
    private NodeIdentity identity;
    private DhtNode dht;
    private JoinProcedure join;
    private volatile boolean joined;
    private volatile int linkCount;

    private final String[] arguments;

    NodeRuntime(NodeConfig config, TransportStackFactory transports, @CommandLineArguments String[] arguments) {
        this.config = config;
        this.transports = transports;
        this.arguments = arguments;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled() && servesTheNode(arguments)) {
            start();
        }
    }

    /** Only {@code kadmesh} and {@code kadmesh serve} run a node; tools such as {@code simulate} do not. */
    static boolean servesTheNode(String[] arguments) {
        return arguments.length == 0 || "serve".equals(arguments[0]);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (dht != null) {
            dht.stop();
            scheduler.close();
        }
    }

    private void start() {
        identity = NodeIdentity.loadOrCreate(Path.of(config.identity().keyFile()));
        String advertised = advertisedUrl();
        SecureRandom random = new SecureRandom();
        scheduler = new EventLoopScheduler("kadmesh-node");
        Transport transport = transports.peerTransport(identity, advertised, scheduler, random);
        dht = new DhtNode(new Contact(identity.id(), advertised), parameters(),
                new MaintenanceIntervals(config.dht().pingInterval(), config.dht().staleCleanupInterval()), transport,
                new NodeContext(Clock.systemUTC(), scheduler, random));
        dht.start();
        LOG.infof("node %s (%s) listening as %s", identity.id(), config.role().name().toLowerCase(), advertised);
        List<String> urls = config.bootstrap().urls().orElse(List.of());
        join = new JoinProcedure(dht, new BootstrapClient(transports.onboardingTransport(), Duration.ofSeconds(5)), urls,
                config.bootstrap(),
                scheduler, random, this::registration);
        if (urls.isEmpty() && config.role() == NodeConfig.Role.BOOTSTRAP) {
            joined = true;
        } else {
            join.start().thenRun(() -> joined = true);
        }
        scheduler.schedule(config.connections().checkInterval(), this::balanceLinks);
    }

    private KademliaParameters parameters() {
        return KademliaParameters.DEFAULTS.withRpcTimeout(config.dht().rpcTimeout())
                .withRefresh(config.dht().refreshInterval());
    }

    private String advertisedUrl() {
        return config.advertisedUrl().orElseGet(() -> "ws://127.0.0.1:"
                + ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class).orElse(8080)
                + "/dht");
    }

    private void balanceLinks() {
        dht.linkBalancer().balance(config.connections().min(), config.connections().max(),
                config.connections().idleBeforeTrim())
                .whenComplete((open, failure) -> {
                    if (open != null) {
                        linkCount = open;
                    }
                    refreshLookupIfStale();
                    scheduler.schedule(config.connections().checkInterval(), this::balanceLinks);
                });
    }

    /** Looks up this node's own id when no lookup has reached other nodes for half a refresh interval. */
    private void refreshLookupIfStale() {
        Instant last = dht.readiness().lastLookupSucceeded();
        Duration halfRefresh = config.dht().refreshInterval().dividedBy(2);
        if (joined && linkCount > 0 && (last == null || last.isBefore(Instant.now().minus(halfRefresh)))) {
            dht.findNode(dht.id());
        }
    }

    private BootstrapMessages.Register registration() {
        return new BootstrapMessages.Register(dht.contact(), isReady(), linkCount);
    }

    /** Whether the node runs at all (it does not when {@code kadmesh.node.enabled} is false). */
    public boolean isRunning() {
        return dht != null;
    }

    /** The DHT node; null when not running. */
    public DhtNode dht() {
        return dht;
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
        return linkCount;
    }

    /** Why joining last failed; empty when it did not. */
    public String lastJoinError() {
        return join == null ? "" : join.lastError();
    }

    /**
     * Ready means useful to the DHT: joined, at least the minimum number of live links, and a lookup
     * that reached other nodes within the last refresh interval.
     */
    public boolean isReady() {
        if (dht == null || !joined || linkCount < config.connections().min()) {
            return false;
        }
        Instant lastLookup = dht.readiness().lastLookupSucceeded();
        return lastLookup != null
                && lastLookup.isAfter(Instant.now().minus(config.dht().refreshInterval()));
    }

    /** What the bootstrap answers a newcomer; also makes sure this node knows the newcomer. */
    public CompletableFuture<List<Contact>> introductionsFor(Contact newcomer) {
        dht.knownContacts().thenAccept(known -> {
            if (known.stream().noneMatch(contact -> contact.id().equals(newcomer.id()))) {
                dht.ping(newcomer.address());
            }
        });
        return dht.introductions().forNewcomer(newcomer.id(), RANDOM_INTRODUCTIONS);
    }

    /** This node's id; null when not running. */
    public NodeId id() {
        return identity == null ? null : identity.id();
    }
}
