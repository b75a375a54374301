package io.kadmesh.dht.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeContext;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;
import io.kadmesh.dht.protocol.MessageCodec;
import io.kadmesh.dht.protocol.Ping;
import io.kadmesh.simulation.InMemoryNetwork;
import io.kadmesh.simulation.SimulatedTime;
import io.kadmesh.testing.LinkRecorder;

/**
 * Sybil flood: hundreds of fresh ids, each sending a real ping, all falling in one full bucket of the
 * victim. The paper's rule holds: the victim pings the bucket's least recently seen contact, keeps it
 * because it answers, and the newcomer waits in the replacement cache; not one long-lived contact is
 * displaced. In virtual time.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SybilFloodTest {

    private static final KademliaParameters PARAMETERS = KademliaParameters.DEFAULTS;
    private static final int SYBILS = 300;

    private final SimulatedTime time = new SimulatedTime();
    private final InMemoryNetwork network = new InMemoryNetwork(time, new SplittableRandom(21));
    private final SplittableRandom random = new SplittableRandom(22);

    @Test
    void aFloodOfFreshIdsMustNotDisplaceLongLivedContacts() {
        DhtNode victim = node(NodeId.random(random), "mem://victim");
        List<DhtNode> longLived = new ArrayList<>();
        for (int i = 0; i < PARAMETERS.k(); i++) {
            DhtNode node = node(victim.id().randomWithSharedPrefix(0, random), "mem://long-lived-" + i);
            await(node.ping("mem://victim"));
            longLived.add(node);
        }
        time.runFor(Duration.ofSeconds(5));

        MessageCodec codec = new MessageCodec(MessageCodec.DEFAULT_MAX_FRAME_BYTES, InMemoryNetwork.ADDRESSES);
        for (int i = 0; i < SYBILS; i++) {
            Contact sybil = new Contact(victim.id().randomWithSharedPrefix(0, random), "mem://sybil-" + i);
            var dial = network.transport(sybil.address()).dial("mem://victim", new LinkRecorder()).toCompletableFuture();
            assertTrue(time.runUntil(dial::isDone, Duration.ofSeconds(1)), "the sybil should reach the victim");
            dial.join().send(codec.encode(new Ping("s" + i, sybil)));
            time.runFor(Duration.ofMillis(20));
        }
        time.runFor(Duration.ofSeconds(5));

        Set<NodeId> held = await(victim.knownContacts()).stream().map(Contact::id).collect(Collectors.toSet());
        Set<NodeId> expected = longLived.stream().map(DhtNode::id).collect(Collectors.toSet());
        assertEquals(expected, held, "the full bucket should still hold exactly its " + PARAMETERS.k()
                + " long-lived contacts after " + SYBILS + " fresh ids pinged the victim");
    }

    private DhtNode node(NodeId id, String address) {
        DhtNode node = new DhtNode(new Contact(id, address), PARAMETERS, MaintenanceIntervals.DEFAULTS,
                network.transport(address), new NodeContext(time, time, random.split()), InMemoryNetwork.ADDRESSES);
        node.start();
        return node;
    }

    private <T> T await(CompletableFuture<T> future) {
        assertTrue(time.runUntil(future::isDone, Duration.ofMinutes(1)), "should complete in virtual time");
        return future.join();
    }
}
