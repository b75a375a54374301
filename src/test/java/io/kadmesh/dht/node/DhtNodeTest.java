package io.kadmesh.dht.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;
import io.kadmesh.simulation.Simulation;

/** A node's behaviour inside a small simulated network: storage, expiry, eviction of the dead. */
class DhtNodeTest {

    private static final MaintenanceIntervals INTERVALS = new MaintenanceIntervals(Duration.ofSeconds(30),
            Duration.ofMinutes(1));
    private static final NodeId KEY = NodeId.sha1("greeting".getBytes(StandardCharsets.UTF_8));

    private static Simulation network(KademliaParameters parameters, int size) {
        Simulation simulation = new Simulation(parameters, INTERVALS, 11);
        assertEquals(0, simulation.join(size, Duration.ofMillis(5)));
        return simulation;
    }

    @Test
    void mustFindAStoredValueFromEveryNode() {
        Simulation simulation = network(KademliaParameters.DEFAULTS.withK(5), 30);
        DhtNode publisher = simulation.liveNodes().get(3);

        int replicas = simulation.await(publisher.store(KEY, "\"hello\""));

        assertEquals(5, replicas, "stored on the k closest nodes");
        for (DhtNode node : simulation.liveNodes()) {
            assertEquals(Optional.of("\"hello\""), simulation.await(node.findValue(KEY)).value(), node.toString());
        }
    }

    @Test
    void mustForgetAValueWhosePublisherLeftOnceItExpiresThoughReplicationRuns() {
        KademliaParameters parameters = small().withReplicate(Duration.ofMinutes(10))
                .withRepublish(Duration.ofHours(2)).withExpire(Duration.ofMinutes(30));
        Simulation simulation = network(parameters, 20);
        DhtNode publisher = simulation.liveNodes().get(5);
        simulation.await(publisher.store(KEY, "\"short-lived\""));
        DhtNode reader = simulation.liveNodes().get(9);
        simulation.crash(publisher);

        simulation.runFor(Duration.ofMinutes(25));
        assertEquals(Optional.of("\"short-lived\""), simulation.await(reader.findValue(KEY)).value(),
                "replicas live until the value expires");
        long holders = simulation.liveNodes().stream().filter(node -> holdsLive(simulation, node)).count();
        assertTrue(holders >= 4, "replication kept the replicas: " + holders);

        simulation.runFor(Duration.ofMinutes(7));
        assertEquals(Optional.empty(), simulation.await(reader.findValue(KEY)).value());
        assertTrue(simulation.liveNodes().stream().allMatch(node -> simulation.await(node.heldRecords()).isEmpty()),
                "every replica is dropped once the publication is 30 minutes old");
    }

    @Test
    void mustKeepAValueAliveWhileItsPublisherRepublishes() {
        KademliaParameters parameters = small().withReplicate(Duration.ofHours(2))
                .withRepublish(Duration.ofMinutes(10)).withExpire(Duration.ofMinutes(30));
        Simulation simulation = network(parameters, 20);
        DhtNode publisher = simulation.liveNodes().get(5);
        simulation.await(publisher.store(KEY, "\"kept\""));

        simulation.runFor(Duration.ofMinutes(95));

        long replicas = simulation.liveNodes().stream().filter(node -> node != publisher)
                .filter(node -> holdsLive(simulation, node)).count();
        assertTrue(replicas >= 4, "replicas long past their first expiry: " + replicas);
        DhtNode reader = simulation.liveNodes().get(12);
        assertEquals(Optional.of("\"kept\""), simulation.await(reader.findValue(KEY)).value());
    }

    @Test
    void mustEvictCrashedContactsFromEveryRoutingTable() {
        Simulation simulation = network(KademliaParameters.DEFAULTS.withK(8), 40);
        Set<NodeId> crashed = simulation.crash(0.1).stream().map(DhtNode::id).collect(Collectors.toSet());

        simulation.runFor(Duration.ofMinutes(20));

        for (DhtNode node : simulation.liveNodes()) {
            List<NodeId> known = simulation.await(node.knownContacts()).stream().map(Contact::id).toList();
            assertFalse(known.stream().anyMatch(crashed::contains), node + " still lists a crashed node");
            assertTrue(known.size() >= 8, node + " lost live contacts: " + known.size());
        }
    }

    @Test
    void mustLearnTheNodesThatQueryIt() {
        Simulation simulation = network(KademliaParameters.DEFAULTS, 10);
        DhtNode seed = simulation.liveNodes().get(0);

        assertEquals(9, simulation.await(seed.knownContacts()).size(), "every joiner introduced itself to the seed");
    }

    @Test
    void mustJoinANetworkSmallerThanKWithOneLookupOfItsOwnId() {
        Simulation simulation = network(KademliaParameters.DEFAULTS, 9);
        long framesBefore = simulation.network().framesSent();

        assertEquals(0, simulation.join(2, Duration.ofMillis(5)));

        long joinFrames = simulation.network().framesSent() - framesBefore;
        assertEquals(2 + 2 * 9, joinFrames, "a ping and its pong, then a find_node and its answer for each of"
                + " the 9 others, and no bucket refresh asking them all again");
        DhtNode joiner = simulation.liveNodes().get(9);
        assertEquals(9, simulation.await(joiner.knownContacts()).size(), "the joiner knows every other node");
        for (DhtNode node : simulation.liveNodes().subList(0, 9)) {
            assertTrue(simulation.await(node.knownContacts()).stream().anyMatch(c -> c.id().equals(joiner.id())),
                    node.contact() + " learned of the joiner");
        }
    }

    private static boolean holdsLive(Simulation simulation, DhtNode node) {
        Instant now = simulation.time().instant();
        return simulation.await(node.heldRecords()).stream()
                .anyMatch(record -> record.key().equals(KEY) && !record.isExpired(now));
    }

    /** k = 5 with a small replacement cache and short values, for networks of a few dozen nodes. */
    private static KademliaParameters small() {
        return KademliaParameters.DEFAULTS.withK(5).withReplacementCacheSize(5).withMaxValueLength(1024);
    }
}
