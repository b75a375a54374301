package io.kadmesh.dht.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;
import io.kadmesh.simulation.Simulation;

/**
 * Liveness checks of contacts a node has no link to dial them, and close the link once the check is
 * done: a network balanced to at most {@value #MAX} links per node stays there through a whole ping
 * interval of checks, though no balancing runs in it. Kept, the checks' links would settle every node
 * at its maximum, where the checks others dial to it push it beyond. In virtual time, with several
 * seeds; no bucket refresh falls in the window.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LivenessCheckLinksTest {

    private static final int MIN = 3;
    private static final int MAX = 8;
    private static final Duration IDLE_BEFORE_TRIM = Duration.ofSeconds(2);
    private static final MaintenanceIntervals INTERVALS = new MaintenanceIntervals(Duration.ofSeconds(30),
            Duration.ofHours(1));

    @ParameterizedTest
    @ValueSource(longs = { 1, 2, 3 })
    void checksLeaveEveryNodeWithinItsMaximum(long seed) {
        Simulation simulation = new Simulation(KademliaParameters.DEFAULTS, INTERVALS, seed);
        assertEquals(0, simulation.join(20, Duration.ofMillis(50)), "every node should join");
        for (int round = 0; round < 5; round++) {
            simulation.liveNodes().forEach(node -> node.linkBalancer().balance(MIN, MAX, IDLE_BEFORE_TRIM));
            simulation.runFor(IDLE_BEFORE_TRIM);
        }
        for (DhtNode node : simulation.liveNodes()) {
            assertTrue(linkCount(simulation, node) <= MAX, node.contact() + " was not trimmed to " + MAX);
            int known = simulation.await(node.knownContacts()).size();
            assertTrue(known > MAX, node.contact() + " knows " + known + " contacts: too few to need dialing checks");
        }
        long sentBefore = requestsSent(simulation);

        simulation.runFor(INTERVALS.ping().plus(KademliaParameters.DEFAULTS.rpcTimeout()));

        assertTrue(requestsSent(simulation) > sentBefore, "no liveness check ran");
        for (DhtNode node : simulation.liveNodes()) {
            assertTrue(linkCount(simulation, node) <= MAX,
                    node.contact() + " holds " + linkCount(simulation, node) + " links after a ping interval of checks");
        }
    }

    private static int linkCount(Simulation simulation, DhtNode node) {
        return simulation.await(node.links()).size();
    }

    private static long requestsSent(Simulation simulation) {
        List<DhtNode> nodes = simulation.liveNodes();
        return nodes.stream().mapToLong(node -> node.stats().requestsSent()).sum();
    }
}
