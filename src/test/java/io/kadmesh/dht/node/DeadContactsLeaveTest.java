package io.kadmesh.dht.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.lookup.LookupResult;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;
import io.kadmesh.simulation.Simulation;

/**
 * Crashed nodes fall silent without closing anything; lookups never return them, and within the ping
 * interval plus the RPC timeout every survivor's routing table has dropped them, whether it talked to
 * them lately or not, and whether they sat in a bucket or waited in its replacement cache. In virtual
 * time, with several seeds.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeadContactsLeaveTest {

    private static final KademliaParameters PARAMETERS = KademliaParameters.DEFAULTS;
    private static final MaintenanceIntervals INTERVALS = new MaintenanceIntervals(Duration.ofSeconds(30),
            Duration.ofMinutes(5));
    /** The requirement: the ping interval plus the RPC timeout. */
    private static final Duration BOUND = INTERVALS.ping().plus(PARAMETERS.rpcTimeout());

    @ParameterizedTest
    @ValueSource(longs = { 31, 7, 1, 2, 3, 4 })
    void crashedNodesMustLeaveEveryTableWithinThePingIntervalPlusTheRpcTimeout(long seed) {
        Simulation simulation = new Simulation(PARAMETERS, INTERVALS, seed);
        assertEquals(0, simulation.join(40, Duration.ofMillis(50)), "every node should join");
        simulation.runFor(Duration.ofMinutes(2));

        Set<NodeId> crashed = simulation.crash(0.2).stream().map(DhtNode::id).collect(Collectors.toSet());
        NodeId target = crashed.iterator().next();
        List<CompletableFuture<LookupResult>> lookups = simulation.liveNodes().stream()
                .map(survivor -> survivor.findNode(target)).toList();
        simulation.runFor(BOUND);

        for (CompletableFuture<LookupResult> lookup : lookups) {
            List<NodeId> found = simulation.await(lookup).closest().stream().map(contact -> contact.id())
                    .filter(crashed::contains).toList();
            assertTrue(found.isEmpty(), "a lookup right after the crash returned crashed " + found);
        }

        for (DhtNode survivor : simulation.liveNodes()) {
            List<NodeId> stale = simulation.await(survivor.knownContacts()).stream().map(contact -> contact.id())
                    .filter(crashed::contains).toList();
            List<String> linked = simulation.await(survivor.links()).stream().map(link -> link.peer()).toList();
            assertTrue(stale.isEmpty(), survivor.contact() + " still holds crashed " + stale + " "
                    + BOUND.toSeconds() + " s after the crash; links " + linked);
        }
    }
}
