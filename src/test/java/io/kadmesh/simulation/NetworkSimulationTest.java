package io.kadmesh.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;

/**
 * A thousand real nodes in one JVM, joined through one seed, over the in-memory network with 1–5 ms
 * latency per message: every lookup must return exactly the true k closest live nodes within
 * ceil(log2 N) + 2 hops, before and after a fifth of the network crashes.
 */
class NetworkSimulationTest {

    private static final int NODES = 1000;
    private static final int LOOKUPS = 1000;
    private static final Duration REFRESH = Duration.ofMinutes(10);
    /** A hundred times the simulated one-way latency: generous, and short enough to keep the test quick. */
    private static final Duration RPC_TIMEOUT = Duration.ofMillis(500);

    /**
     * Bounded, but not a benchmark: on two cores shared with other builds it took 90 to 130 s, on the
     * commit before the core's restructuring and after it alike, so a one-minute bound failed for
     * load alone.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void mustFindTrueClosestNodesInFewHopsAndAgainAfterAFifthCrashes() {
        KademliaParameters parameters = KademliaParameters.DEFAULTS.withRpcTimeout(RPC_TIMEOUT).withRefresh(REFRESH)
                .withMaxValueLength(1024);
        Simulation simulation = new Simulation(parameters, MaintenanceIntervals.DEFAULTS, 7);

        assertEquals(0, simulation.join(NODES, Duration.ofMillis(2)), "every join completes");

        LookupStatistics healthy = LookupStatistics.of(simulation.randomLookups(LOOKUPS));
        assertEquals(LOOKUPS, healthy.correct(), "every lookup returns exactly the true k closest: " + healthy);
        assertTrue(healthy.maxHops() <= hopBound(NODES),
                "a lookup took " + healthy.maxHops() + " hops, more than ceil(log2 N) + 2: " + healthy);

        simulation.crash(0.2);
        simulation.runFor(REFRESH);

        LookupStatistics recovered = LookupStatistics.of(simulation.randomLookups(LOOKUPS));
        assertEquals(LOOKUPS, recovered.correct(), "after one refresh cycle: " + recovered);
        assertTrue(recovered.maxHops() <= hopBound(simulation.liveNodes().size()),
                "a lookup took " + recovered.maxHops() + " hops, more than ceil(log2 N) + 2: " + recovered);
        assertTrue(simulation.time().firstFailure().isEmpty(), () -> "a node task threw: "
                + simulation.time().firstFailure().get());
    }

    /** The most hops any one lookup may take in a network of {@code n} nodes: ceil(log2 n) + 2. */
    private static int hopBound(int n) {
        return 32 - Integer.numberOfLeadingZeros(n - 1) + 2;
    }
}
