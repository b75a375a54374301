package io.kadmesh.diagnostics;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Diagnoses a set of endpoints side by side, within one bound. A bootstrap at {@code /bootstrap}
 * brings its {@code /dht} along: newcomers reach it there too.
 */
public final class Diagnosis {

    /** Most endpoints one diagnosis takes. */
    public static final int MAX_ENDPOINTS = 64;

    /** What a path left unfinished at the bound reports. */
    static final String UNFINISHED = "the path did not finish within the diagnosis's bound";

    private final List<Endpoint> endpoints;
    private final Bounds bounds;
    private final boolean readNodes;
    private final boolean webrtc;

    /**
     * A diagnosis from inside a node of {@code endpoints} (and the peer endpoints of the bootstraps among
     * them): no node's state read over REST, no WebRTC peers made in the node's process.
     */
    public Diagnosis(List<Endpoint> endpoints, Bounds bounds) {
        this(endpoints, bounds, false, false);
    }

    /**
     * A diagnosis of {@code endpoints} (and the peer endpoints of the bootstraps among them); with
     * {@code readNodes}, each node's own state is read from its REST API as well ({@link NodeReport}); with
     * {@code webrtc}, the WebRTC path is checked once, through the first bootstrap, or the first node.
     */
    public Diagnosis(List<Endpoint> endpoints, Bounds bounds, boolean readNodes, boolean webrtc) {
        this.readNodes = readNodes;
        this.webrtc = webrtc;
        this.bounds = Objects.requireNonNull(bounds, "bounds must be set");
        Set<Endpoint> all = new LinkedHashSet<>();
        for (Endpoint endpoint : endpoints) {
            all.add(endpoint);
            if (endpoint.peerEndpoint() != null) {
                all.add(endpoint.peerEndpoint());
            }
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("name at least one bootstrap or node URL to diagnose");
        }
        if (all.size() > MAX_ENDPOINTS) {
            throw new IllegalArgumentException("at most " + MAX_ENDPOINTS + " endpoints a diagnosis, got " + all.size());
        }
        this.endpoints = List.copyOf(all);
    }

    /** The endpoints it checks, in order. */
    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** Runs every path and reports; returns within the bound and a moment. */
    public DiagnosisReport run() {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        long deadline = bounds.deadline(start);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(endpoints.size(), 16), task -> {
            Thread thread = new Thread(task, "kadmesh-diagnose");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<CompletableFuture<PathReport>> running = new ArrayList<>();
            Endpoint webrtcThrough = endpoints.stream().filter(e -> e.role() == Endpoint.Role.NODE).findFirst().orElse(null);
            for (Endpoint endpoint : endpoints) {
                String webrtcSkipped = !webrtc ? "checked by kadmesh diagnose, from outside the node"
                        : endpoint.equals(webrtcThrough) ? null : "checked once a diagnosis, through " + webrtcThrough;
                running.add(CompletableFuture.supplyAsync(
                        () -> new PathDiagnosis(endpoint, bounds, deadline, webrtcSkipped).run(), pool));
            }
            List<CompletableFuture<NodeReport>> reading = new ArrayList<>();
            for (URI api : nodeApis()) {
                reading.add(CompletableFuture.supplyAsync(() -> NodeReport.read(api, bounds.waitMillis(deadline)), pool));
            }
            List<PathReport> paths = new ArrayList<>();
            for (int i = 0; i < endpoints.size(); i++) {
                paths.add(await(running.get(i), endpoints.get(i), deadline));
            }
            List<NodeReport> nodes = reading.stream().map(CompletableFuture::join).toList();
            return new DiagnosisReport(startedAt, (System.nanoTime() - start) / 1_000_000, bounds, paths, nodes);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The REST APIs of the servers behind the node endpoints, once each, when the nodes are to be read. */
    private Set<URI> nodeApis() {
        Set<URI> apis = new LinkedHashSet<>();
        if (readNodes) {
            endpoints.stream().filter(endpoint -> endpoint.role() == Endpoint.Role.NODE).forEach(e -> apis.add(e.api()));
        }
        return apis;
    }

    private static PathReport await(CompletableFuture<PathReport> path, Endpoint endpoint, long deadline) {
        long grace = TimeUnit.SECONDS.toNanos(1);
        try {
            return path.get(Math.max(0, deadline + grace - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return new PathReport(endpoint, List.of(), new Finding(Step.DNS, UNFINISHED + ": " + e,
                    "run the diagnosis again with a longer bound"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PathReport(endpoint, List.of(), new Finding(Step.DNS, "interrupted", "run the diagnosis again"));
        }
    }
}
