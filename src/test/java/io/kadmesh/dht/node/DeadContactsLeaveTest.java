package io.kadmesh.dht.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Crashed nodes fall silent without closing anything; within the ping interval plus the RPC timeout
 * every survivor's routing table has dropped them, whether it talked to them lately or not. In
 * virtual time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeadContactsLeaveTest {

    private static final KademliaParameters PARAMETERS = KademliaParameters.DEFAULTS;
    private static final MaintenanceIntervals INTERVALS = new MaintenanceIntervals(Duration.ofSeconds(30),
            Duration.ofMinutes(5));
    /**
     * The ping interval plus the RPC timeout, plus one more liveness round (half a ping interval and a
     * timeout) for a crashed contact that was promoted from a replacement cache when another crashed
     * contact left its bucket.
     */
    private static final Duration BOUND = INTERVALS.ping().plus(PARAMETERS.rpcTimeout())
            .plus(INTERVALS.ping().dividedBy(2)).plus(PARAMETERS.rpcTimeout());

    @Test
    void crashedNodesMustLeaveEveryTableWithinThePingIntervalPlusTheRpcTimeout() {
        Simulation simulation = new Simulation(PARAMETERS, INTERVALS, 31);
        assertEquals(0, simulation.join(40, Duration.ofMillis(50)), "every node should join");
        simulation.runFor(Duration.ofMinutes(2));

        Set<NodeId> crashed = simulation.crash(0.2).stream().map(DhtNode::id).collect(Collectors.toSet());
        simulation.runFor(BOUND);

        for (DhtNode survivor : simulation.liveNodes()) {
            List<NodeId> stale = simulation.await(survivor.knownContacts()).stream().map(contact -> contact.id())
                    .filter(crashed::contains).toList();
            assertTrue(stale.isEmpty(), survivor.contact() + " still holds crashed " + stale + " "
                    + BOUND.toSeconds() + " s after the crash");
        }
    }
}
