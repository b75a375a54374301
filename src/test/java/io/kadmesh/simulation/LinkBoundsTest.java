package io.kadmesh.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;
import io.kadmesh.dht.node.DhtNode;

/**
 * A simulated network whose links are kept within bounds, as live nodes keep theirs, ends with no
 * node above the maximum once its links have been idle long enough, and still answers every lookup
 * exactly; without bounds, the joins leave every node with far more.
 */
class LinkBoundsTest {

    private static final int NODES = 120;
    private static final LinkBounds BOUNDS = new LinkBounds(3, 8, Duration.ofSeconds(2), Duration.ofSeconds(1));

    @Test
    void keepsEveryNodeWithinTheMaximumAndLookupsExact() {
        Simulation simulation = joined(true);
        simulation.runFor(Duration.ofSeconds(5));

        assertTrue(mostLinks(simulation) <= BOUNDS.max(), "most links of a node: " + mostLinks(simulation));
        LookupStatistics lookups = LookupStatistics.of(simulation.randomLookups(100));
        assertEquals(100, lookups.correct(), "every lookup exact over links dialed afresh: " + lookups);
    }

    @Test
    void withoutBoundsNodesKeepEveryLinkTheyOpened() {
        Simulation simulation = joined(false);
        simulation.runFor(Duration.ofSeconds(5));

        assertTrue(mostLinks(simulation) > 2 * BOUNDS.max(), "most links of a node: " + mostLinks(simulation));
    }

    @Test
    void refusesBoundsThatCannotHold() {
        assertThrows(IllegalArgumentException.class, () -> new LinkBounds(9, 8, Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new LinkBounds(3, 8, Duration.ZERO, Duration.ZERO));
    }

    private static Simulation joined(boolean bounded) {
        Simulation simulation = new Simulation(KademliaParameters.DEFAULTS, MaintenanceIntervals.DEFAULTS, 11);
        if (bounded) {
            simulation.keepLinksWithin(BOUNDS);
        }
        assertEquals(0, simulation.join(NODES, Duration.ofMillis(2)), "every join completes");
        return simulation;
    }

    private static int mostLinks(Simulation simulation) {
        int most = 0;
        for (DhtNode node : simulation.liveNodes()) {
            most = Math.max(most, simulation.await(node.links()).size());
        }
        return most;
    }
}
