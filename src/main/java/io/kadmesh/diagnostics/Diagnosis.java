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
import java.util.function.Function;

/**
 * Diagnoses a set of endpoints side by side, within one bound. A bootstrap at {@code /bootstrap}
 * brings its {@code /dht} along: newcomers reach it there too.
 */
public final class Diagnosis {

    /** Most endpoints one diagnosis takes. */
    public static final int MAX_ENDPOINTS = 64;

    /** What a path left unfinished at the bound reports. */
    static final String UNFINISHED = "not finished within the diagnosis's bound";

    private final List<Endpoint> endpoints;
    private final Bounds bounds;
    private final boolean readNodes;
    private final String webrtcLeftOut;

    /**
     * A diagnosis of {@code endpoints} (and the peer endpoints of the bootstraps among them) without the
     * WebRTC path, and no node's state read over REST.
     */
    public Diagnosis(List<Endpoint> endpoints, Bounds bounds) {
        this(endpoints, bounds, false, "not asked for");
    }

    /**
     * A diagnosis of {@code endpoints} (and the peer endpoints of the bootstraps among them); with
     * {@code readNodes}, each node's own state is read from its REST API as well ({@link NodeReport}). The
     * WebRTC path is checked once, through the first bootstrap, or the first node, unless
     * {@code webrtcLeftOut} says why it is not (null to check it).
     */
    public Diagnosis(List<Endpoint> endpoints, Bounds bounds, boolean readNodes, String webrtcLeftOut) {
        this.readNodes = readNodes;
        this.webrtcLeftOut = webrtcLeftOut;
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

    /**
     * Runs every path and reports, within the total bound: the steps stop waiting a moment before it,
     * and a path or node state still unfinished at the bound is reported as such.
     */
    public DiagnosisReport run() {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        long collectDeadline = bounds.collectDeadline(start);
        long stepsDeadline = bounds.stepsDeadline(start);
        List<URI> apis = nodeApis();
        // A thread for every path and node state: each mostly waits, and one queued behind another
        // would spend its share of the bound waiting for a thread.
        ExecutorService pool = Executors.newFixedThreadPool(endpoints.size() + apis.size(), task -> {
            Thread thread = new Thread(task, "kadmesh-diagnose");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<PathDiagnosis> diagnoses = new ArrayList<>();
            List<CompletableFuture<PathReport>> running = new ArrayList<>();
            Endpoint webrtcThrough = endpoints.stream().filter(e -> e.role() == Endpoint.Role.NODE).findFirst().orElse(null);
            for (Endpoint endpoint : endpoints) {
                String webrtcSkipped = webrtcLeftOut != null ? webrtcLeftOut
                        : endpoint.equals(webrtcThrough) ? null : "checked once a diagnosis, through " + webrtcThrough;
                PathDiagnosis diagnosis = new PathDiagnosis(endpoint, bounds, stepsDeadline, webrtcSkipped);
                diagnoses.add(diagnosis);
                running.add(CompletableFuture.supplyAsync(diagnosis::run, pool));
            }
            List<CompletableFuture<NodeReport>> reading = new ArrayList<>();
            for (URI api : apis) {
                reading.add(CompletableFuture.supplyAsync(() -> NodeReport.read(api, bounds.waitMillis(stepsDeadline)),
                        pool));
            }
            List<PathReport> paths = new ArrayList<>();
            for (int i = 0; i < endpoints.size(); i++) {
                PathDiagnosis diagnosis = diagnoses.get(i);
                paths.add(by(running.get(i), collectDeadline, diagnosis::unfinished));
            }
            List<NodeReport> nodes = new ArrayList<>();
            for (int i = 0; i < apis.size(); i++) {
                URI api = apis.get(i);
                nodes.add(by(reading.get(i), collectDeadline, why -> new NodeReport(api, null, why)));
            }
            return new DiagnosisReport(startedAt, (System.nanoTime() - start) / 1_000_000, bounds, paths, nodes);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The REST APIs of the servers behind the node endpoints, once each, when the nodes are to be read. */
    private List<URI> nodeApis() {
        Set<URI> apis = new LinkedHashSet<>();
        if (readNodes) {
            endpoints.stream().filter(endpoint -> endpoint.role() == Endpoint.Role.NODE).forEach(e -> apis.add(e.api()));
        }
        return List.copyOf(apis);
    }

    /** What {@code work} gives by {@code deadline}, or what {@code unfinished} makes of why it gave nothing. */
    private static <T> T by(CompletableFuture<T> work, long deadline, Function<String, T> unfinished) {
        try {
            return work.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return unfinished.apply(UNFINISHED);
        } catch (ExecutionException e) {
            return unfinished.apply("the diagnosis itself failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unfinished.apply("interrupted");
        }
    }
}
