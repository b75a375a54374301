package io.kadmesh.dht.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;
import io.kadmesh.simulation.Simulation;

/**
 * Maintenance intervals changed on running nodes take effect at once: nodes that check their
 * contacts every ten minutes still hold crashed nodes after a minute, and the same nodes retuned to
 * a 30 s ping interval have dropped them within that interval plus the RPC timeout. In virtual time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RetuneTest {

    private static final KademliaParameters PARAMETERS = KademliaParameters.DEFAULTS;
    private static final MaintenanceIntervals SLOW = new MaintenanceIntervals(Duration.ofMinutes(10),
            Duration.ofMinutes(5));
    private static final MaintenanceIntervals QUICK = new MaintenanceIntervals(Duration.ofSeconds(30),
            Duration.ofMinutes(5));

    @Test
    void aShorterPingIntervalAppliedLiveMustDropCrashedContactsWithinIt() {
        Simulation simulation = new Simulation(PARAMETERS, SLOW, 5);
        assertEquals(0, simulation.join(30, Duration.ofMillis(50)), "every node should join");
        simulation.runFor(Duration.ofMinutes(1));
        Set<NodeId> crashed = simulation.crash(0.2).stream().map(DhtNode::id).collect(Collectors.toSet());

        Duration bound = QUICK.ping().plus(PARAMETERS.rpcTimeout());
        simulation.runFor(bound);
        assertFalse(staleHolders(simulation, crashed).isEmpty(),
                "with a ten-minute ping interval some survivor should still hold a crashed node");

        for (DhtNode survivor : simulation.liveNodes()) {
            simulation.await(survivor.retune(QUICK, PARAMETERS.tRefresh(), 500));
        }
        simulation.runFor(bound);
        assertTrue(staleHolders(simulation, crashed).isEmpty(), "survivors still holding crashed nodes "
                + bound.toSeconds() + " s after the retune: " + staleHolders(simulation, crashed));
    }

    private static List<String> staleHolders(Simulation simulation, Set<NodeId> crashed) {
        return simulation.liveNodes().stream()
                .filter(node -> simulation.await(node.knownContacts()).stream()
                        .anyMatch(contact -> crashed.contains(contact.id())))
                .map(node -> node.contact().address()).toList();
    }
}
