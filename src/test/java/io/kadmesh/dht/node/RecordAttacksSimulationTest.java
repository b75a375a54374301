package io.kadmesh.dht.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeContext;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;
import io.kadmesh.simulation.InMemoryNetwork;
import io.kadmesh.simulation.SimulatedTime;
import io.kadmesh.simulation.Simulation;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.testing.LinkRecorder;
import io.kadmesh.testing.RecordFrames;
import io.kadmesh.testing.RecordFrames.Publisher;

/**
 * Attacks on records that take time to play out, in virtual time: a takeover attempt followed by the
 * publisher's republishing, and a replica stored again to outlive its publisher's expiry.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RecordAttacksSimulationTest {

    private static final MaintenanceIntervals INTERVALS = new MaintenanceIntervals(Duration.ofSeconds(30),
            Duration.ofMinutes(1));
    private final Contact attacker = new Contact(NodeId.random(new SplittableRandom(6)), "mem://attacker");
    private Transport attackerTransport;

    /** Sends {@code frame} from the attacker to {@code target} and returns the reply's outcome. */
    private String attack(SimulatedTime time, InMemoryNetwork network, Contact target, String frame) {
        LinkRecorder replies = new LinkRecorder();
        if (attackerTransport == null) {
            attackerTransport = network.transport(attacker.address());
        }
        var dial = attackerTransport.dial(target.address(), replies).toCompletableFuture();
        assertTrue(time.runUntil(dial::isDone, Duration.ofSeconds(1)));
        PeerLink link = dial.join();
        link.send(frame);
        assertTrue(time.runUntil(() -> !replies.frames.isEmpty(), Duration.ofSeconds(1)), "no reply");
        link.close(1000, "done");
        return RecordFrames.outcome(RecordFrames.read(replies.frames.get(0)));
    }

    @Test
    void mustRepublishItsOwnValueAfterATakeoverAttempt() {
        KademliaParameters parameters = KademliaParameters.DEFAULTS.withK(5).withReplacementCacheSize(5)
                .withReplicate(Duration.ofHours(2)).withRepublish(Duration.ofMinutes(10))
                .withExpire(Duration.ofMinutes(30));
        Simulation simulation = new Simulation(parameters, INTERVALS, 11);
        assertEquals(0, simulation.join(20, Duration.ofMillis(5)));
        DhtNode publisher = simulation.liveNodes().get(5);
        NodeId key = publisher.id();
        simulation.await(publisher.store(key, "\"honest\""));
        Publisher mallory = new Publisher();
        Instant expiry = simulation.time().instant().plus(Duration.ofMinutes(29));

        for (DhtNode holder : simulation.liveNodes()) {
            if (simulation.await(holder.heldRecords()).stream().anyMatch(record -> record.key().equals(key))) {
                String outcome = attack(simulation.time(), simulation.network(), holder.contact(),
                        RecordFrames.store("t1", attacker, key, "\"stolen\"", mallory, Long.MAX_VALUE / 2, expiry));
                assertTrue(outcome.startsWith("error:"), "takeover at " + holder + ": " + outcome);
            }
        }
        simulation.runFor(Duration.ofMinutes(45));

        List<String> held = simulation.liveNodes().stream()
                .flatMap(node -> simulation.await(node.heldRecords()).stream())
                .filter(record -> record.key().equals(key)).map(record -> record.value()).toList();
        assertTrue(held.size() >= 5, "the publisher kept republishing: " + held);
        assertTrue(held.stream().allMatch("\"honest\""::equals), "every copy is the publisher's own: " + held);
        assertEquals(Optional.of("\"honest\""),
                simulation.await(simulation.liveNodes().get(12).findValue(key)).value());
    }

    @Test
    void mustDropAReplicaAtItsPublishersExpiryThoughItIsStoredAgain() {
        SimulatedTime time = new SimulatedTime();
        InMemoryNetwork network = new InMemoryNetwork(time, new SplittableRandom(5));
        Contact self = new Contact(NodeId.random(new SplittableRandom(7)), "mem://holder");
        DhtNode holder = new DhtNode(self, KademliaParameters.DEFAULTS, INTERVALS, network.transport(self.address()),
                new NodeContext(time, time, new SplittableRandom(8)), InMemoryNetwork.ADDRESSES);
        holder.start();
        time.runFor(Duration.ofMillis(1));
        NodeId key = NodeId.random(new SplittableRandom(9));
        Instant expiry = time.instant().plus(Duration.ofMinutes(30));
        String store = RecordFrames.store("s1", attacker, key, "\"v\"", new Publisher(), 1, expiry);
        assertEquals("stored", attack(time, network, self, store));

        time.runFor(Duration.ofMinutes(20));
        attack(time, network, self, store);
        time.runFor(Duration.ofMinutes(10).plusMillis(1));

        String outcome = attack(time, network, self, RecordFrames.findValue("f1", attacker, key));
        assertEquals("nodes", outcome, "the replica ends at its publisher's expiry, however often it is stored");
    }
}
