package io.kadmesh.localnet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * A network of node processes on 127.0.0.1: one bootstrap and any number of nodes that join through
 * it, each in its own directory under a work directory. Nodes keep their index once started, killed
 * or not. Closing it kills every process; so does a shutdown hook (Ctrl-C), should the JVM exit
 * first.
 * <p>
 * Meant for one controlling thread; {@link #close()} and the shutdown hook may run on any.
 */
public final class LocalNetwork implements AutoCloseable {

    /** How long a stopped bootstrap may take to shut down before it is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final NodeLauncher launcher;
    private final ReadinessProbe probe = new ReadinessProbe();
    private final Path workDir;
    private final NodeSpec bootstrapSpec;
    private final List<NodeProcess> nodes = new CopyOnWriteArrayList<>();
    private final Thread reaper = new Thread(this::close, "kadmesh-local-network-reaper");
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private volatile NodeProcess bootstrap;
    private boolean closed;

    private LocalNetwork(NodeLauncher launcher, Path workDir) {
        this.launcher = launcher;
        this.workDir = workDir;
        this.bootstrapSpec = new NodeSpec("bootstrap", NodeRole.BOOTSTRAP, LoopbackPorts.free(),
                workDir.resolve("bootstrap"), List.of());
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /**
     * Starts a bootstrap, then {@code nodes} nodes, from the jar in {@code appDir}, each in a
     * directory of {@code workDir}. Returns at once; {@link #awaitReady} waits for them.
     */
    public static LocalNetwork start(Path appDir, Path workDir, int nodes) {
        return start(appDir, workDir, nodes, Map.of());
    }

    /**
     * As above, giving every process {@code settings}, configuration properties besides those the
     * network sets itself (such as {@code kadmesh.pubsub.fan-out}).
     */
    public static LocalNetwork start(Path appDir, Path workDir, int nodes, Map<String, String> settings) {
        Objects.requireNonNull(workDir, "workDir must be set");
        if (nodes < 0) {
            throw new IllegalArgumentException("nodes must be >= 0, got " + nodes);
        }
        NodeLauncher launcher = new NodeLauncher(appDir, NodeCommand.currentJava(), settings);
        LocalNetwork network = new LocalNetwork(launcher, workDir.toAbsolutePath().normalize());
        try {
            network.startBootstrap();
            for (int i = 0; i < nodes; i++) {
                network.startNode();
            }
            return network;
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /** The bootstrap's current process (the latest one after a restart). */
    public NodeProcess bootstrap() {
        return bootstrap;
    }

    /** Node {@code index} (0-based, in start order, the bootstrap not counted), live or not. */
    public NodeProcess node(int index) {
        if (index < 0 || index >= nodes.size()) {
            throw new IndexOutOfBoundsException("index must be in 0.." + (nodes.size() - 1) + ", got " + index);
        }
        return nodes.get(index);
    }

    /**
     * The nodes not killed, the bootstrap not counted: those that should run. A node that ended by
     * itself stays here, so that waits and checks report it instead of skipping it.
     */
    public List<NodeProcess> liveNodes() {
        return nodes.stream().filter(node -> !node.stopped()).toList();
    }

    /** Every DHT member that should run: the bootstrap unless stopped, then the live nodes. */
    public List<NodeProcess> members() {
        List<NodeProcess> members = new ArrayList<>();
        if (bootstrap != null && !bootstrap.stopped()) {
            members.add(bootstrap);
        }
        members.addAll(liveNodes());
        return members;
    }

    /** Waits until every member is ready, without progress output. */
    public List<NodeStartup> awaitReady(Duration timeout) {
        return awaitReady(timeout, line -> {
        });
    }

    /**
     * Waits until every member answers 200 on {@code /q/health/ready}, reporting progress every few
     * seconds. Fails when a member has ended or ends, or when {@code timeout} passes first.
     */
    public List<NodeStartup> awaitReady(Duration timeout, Consumer<String> progress) {
        Objects.requireNonNull(progress, "progress must be set");
        return new ReadinessWatch(members(), probe, progress).await(Deadline.after(timeout));
    }

    /**
     * Waits until each of {@code nodes} answers 200 on {@code /q/health/ready}. Fails when one ends
     * or {@code timeout} passes first.
     */
    public List<NodeStartup> awaitReady(List<NodeProcess> nodes, Duration timeout) {
        Objects.requireNonNull(nodes, "nodes must be set");
        return new ReadinessWatch(nodes, probe, line -> {
        }).await(Deadline.after(timeout));
    }

    /** Kills node {@code index} with SIGKILL. */
    public void kill(int index) {
        node(index).kill();
    }

    /** Stops the bootstrap (SIGTERM, then SIGKILL after a grace period). */
    public void stopBootstrap() {
        bootstrap.stop(STOP_GRACE);
    }

    /** Starts the bootstrap again: same port, same directory, so the same key and id. */
    public NodeProcess startBootstrap() {
        requireOpen();
        if (bootstrap != null && bootstrap.isAlive()) {
            throw new IllegalStateException("the bootstrap still runs: " + bootstrap);
        }
        bootstrap = launcher.launch(bootstrapSpec);
        return bootstrap;
    }

    /** Starts a new node on a free port that joins through the bootstrap. */
    public NodeProcess startNode() {
        requireOpen();
        String name = String.format(Locale.ROOT, "node-%02d", nodes.size() + 1);
        NodeSpec spec = new NodeSpec(name, NodeRole.NODE, LoopbackPorts.free(), workDir.resolve(name),
                List.of(bootstrapSpec.onboardingUrl()));
        NodeProcess node = launcher.launch(spec);
        nodes.add(node);
        return node;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the local network in " + workDir + " is closed");
        }
    }

    /**
     * Kills every process it started and waits (bounded) until they are gone. Idempotent; the
     * shutdown hook calls it when the JVM exits first (Ctrl-C).
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        killAll();
        closedLatch.countDown();
        if (Thread.currentThread() != reaper) {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs or ran already
            }
        }
    }

    /**
     * Blocks until {@link #close()} has killed every process: for a caller that keeps the network up
     * until the JVM is told to exit (Ctrl-C runs the shutdown hook, which closes it).
     */
    public void awaitClosed() throws InterruptedException {
        closedLatch.await();
    }

    private void killAll() {
        List<NodeProcess> all = new ArrayList<>(nodes);
        if (bootstrap != null) {
            all.add(bootstrap);
        }
        all.forEach(NodeProcess::kill);
    }
}
