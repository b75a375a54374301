package io.kadmesh.simulation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.Locale;

import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;

/**
 * The standard scenario: {@code nodes} nodes join through one seed, then {@code lookups} lookups of
 * random ids run from random nodes. Prints its figures as one JSON object.
 *
 * @param nodes network size
 * @param lookups how many lookups to run after the joins
 * @param seed fixes every random choice
 * @param links the bounds every node keeps its links within, as a live node does; null for none, so
 *        that a node keeps every link it opens
 */
public record SimulationRun(int nodes, int lookups, long seed, LinkBounds links) {

    /** Virtual time between two nodes starting to join. */
    static final Duration JOIN_SPACING = Duration.ofMillis(2);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public SimulationRun {
        if (nodes < 2) {
            throw new IllegalArgumentException("nodes must be >= 2, got " + nodes);
        }
        if (lookups < 1) {
            throw new IllegalArgumentException("lookups must be >= 1, got " + lookups);
        }
    }

    /** The scenario with links kept within a live node's default bounds, {@link LinkBounds#NODE_DEFAULTS}. */
    public SimulationRun(int nodes, int lookups, long seed) {
        this(nodes, lookups, seed, LinkBounds.NODE_DEFAULTS);
    }

    /** Runs the scenario; the figures include the wall time and the heap in use at the end. */
    public Figures run() {
        long started = System.nanoTime();
        long cpuStarted = THREADS.getCurrentThreadCpuTime();
        Simulation simulation = new Simulation(KademliaParameters.DEFAULTS, MaintenanceIntervals.DEFAULTS, seed);
        if (links != null) {
            simulation.keepLinksWithin(links);
        }
        int failedJoins = simulation.join(nodes, JOIN_SPACING);
        LookupStatistics statistics = LookupStatistics.of(simulation.randomLookups(lookups));
        long wallMillis = (System.nanoTime() - started) / 1_000_000;
        long cpuMillis = (THREADS.getCurrentThreadCpuTime() - cpuStarted) / 1_000_000;
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long heapBytes = runtime.totalMemory() - runtime.freeMemory();
        Reference.reachabilityFence(simulation);
        return new Figures(nodes, links, failedJoins, statistics, simulation.time().eventsProcessed(), wallMillis, cpuMillis,
                heapBytes);
    }

    /**
     * What one run measured.
     *
     * @param nodes network size
     * @param links the bounds links were kept within, null for none
     * @param failedJoins joins that did not complete
     * @param lookups the lookup figures
     * @param events simulation events processed
     * @param wallMillis real time the run took
     * @param cpuMillis CPU time of the thread that ran it: the figure a loaded machine disturbs least
     * @param heapBytes heap in use after the run, the whole network still referenced
     */
    public record Figures(int nodes, LinkBounds links, int failedJoins, LookupStatistics lookups, long events, long wallMillis,
            long cpuMillis, long heapBytes) {

        /** The figures as one JSON object. */
        public String toJson() {
            return String.format(Locale.ROOT,
                    "{\"nodes\":%d,\"links\":\"%s\",\"failedJoins\":%d,\"lookups\":%d,\"correctLookups\":%d,\"meanHops\":%.2f,"
                            + "\"p99Hops\":%d,\"maxHops\":%d,\"meanQueries\":%.2f,\"meanLookupMillisSimulated\":%.1f,"
                            + "\"p99LookupMillisSimulated\":%d,\"events\":%d,\"wallMillis\":%d,\"cpuMillis\":%d,"
                            + "\"heapUsedMB\":%.1f}",
                    nodes, links == null ? "unbounded" : links.min() + "-" + links.max(), failedJoins,
                    lookups.lookups(), lookups.correct(), lookups.meanHops(), lookups.p99Hops(),
                    lookups.maxHops(), lookups.meanQueries(), lookups.meanMillis(), lookups.p99Millis(), events, wallMillis,
                    cpuMillis,
                    heapBytes / 1048576.0);
        }
    }
}
