package io.kadmesh.dht.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeContext;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.lookup.LookupResult;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;
import io.kadmesh.dht.protocol.Decoded;
import io.kadmesh.dht.protocol.FindNode;
import io.kadmesh.dht.protocol.Message;
import io.kadmesh.dht.protocol.MessageCodec;
import io.kadmesh.dht.protocol.Nodes;
import io.kadmesh.dht.protocol.Ping;
import io.kadmesh.dht.protocol.Pong;
import io.kadmesh.simulation.InMemoryNetwork;
import io.kadmesh.simulation.SimulatedTime;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;

/**
 * A poisoner answers find_node with contacts that name honest ids at bogus addresses, or ids closer
 * to the target at addresses that never answer (black holes). The asker keeps its honest contacts,
 * finds the true closest nodes, and loses at most one RPC timeout to the black holes. In virtual time.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PoisonedContactsTest {

    private static final KademliaParameters PARAMETERS = KademliaParameters.DEFAULTS;
    private static final MessageCodec CODEC = new MessageCodec(MessageCodec.DEFAULT_MAX_FRAME_BYTES,
            InMemoryNetwork.ADDRESSES);

    private final SimulatedTime time = new SimulatedTime();
    private final InMemoryNetwork network = new InMemoryNetwork(time, new SplittableRandom(11));
    private final SplittableRandom random = new SplittableRandom(12);
    private final List<DhtNode> honest = new ArrayList<>();
    private DhtNode asker;
    private Poisoner poisoner;

    @BeforeEach
    void network() {
        asker = node("mem://asker");
        for (int i = 0; i < 6; i++) {
            honest.add(node("mem://honest-" + i));
        }
        for (DhtNode node : honest) {
            await(node.ping("mem://asker"));
        }
        poisoner = new Poisoner(new Contact(NodeId.random(random), "mem://poisoner"));
        network.transport(poisoner.self.address()).listen(poisoner);
        await(asker.ping(poisoner.self.address()));
    }

    @Test
    void aFailureAtABogusAddressMustNotCountAgainstTheHonestContact() {
        Contact real = honest.get(0).contact();
        Contact bogusDeadEnd = new Contact(real.id(), "mem://nobody-listens");
        Contact bogusOtherNode = new Contact(real.id(), poisoner.self.address());

        for (int i = 0; i < PARAMETERS.maxFailures() + 1; i++) {
            await(asker.check(bogusDeadEnd));
            await(asker.check(bogusOtherNode));
        }

        assertEquals(Optional.of(real), held(real.id()), "the honest contact should stay, at its own address");
    }

    @Test
    void lookupsMustFindHonestIdsThatAPoisonerNamesAtBogusAddresses() {
        DhtNode far = node("mem://far");
        List<Contact> unknownToAsker = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            DhtNode stranger = node("mem://stranger-" + i);
            await(stranger.ping(far.contact().address()));
            unknownToAsker.add(stranger.contact());
        }
        await(far.ping("mem://asker"));
        for (Contact stranger : unknownToAsker) {
            poisoner.answer = target -> List.of(new Contact(stranger.id(), "mem://bogus-" + stranger.id().shortHex()),
                    new Contact(stranger.id(), poisoner.self.address()));
            LookupResult result = await(asker.findNode(stranger.id()));
            assertEquals(stranger.id(), result.closest().get(0).id(), "the lookup of " + stranger
                    + " should find it, though the poisoner named it at bogus addresses");
        }
        for (DhtNode node : honest) {
            assertEquals(Optional.of(node.contact()), held(node.id()), "honest contacts should stay");
        }
    }

    @Test
    void twentyBlackHoledCloserIdsMustCostALookupAtMostOneRpcTimeout() {
        NodeId target = NodeId.random(random);
        Duration normal = timed(target);

        List<Contact> holes = new ArrayList<>();
        for (int i = 0; i < PARAMETERS.k(); i++) {
            String address = "mem://black-hole-" + i;
            network.blackHole(address);
            holes.add(new Contact(target.randomWithSharedPrefix(150, random), address));
        }
        poisoner.answer = asked -> holes;
        NodeId second = target.randomWithSharedPrefix(158, random);
        Duration poisoned = timed(target);
        time.runFor(PARAMETERS.rpcTimeout());
        Duration again = timed(second);

        assertTrue(poisoned.compareTo(normal.plus(PARAMETERS.rpcTimeout())) <= 0, "a lookup with " + holes.size()
                + " black-holed ids should take at most " + normal.toMillis() + " ms + one RPC timeout ("
                + PARAMETERS.rpcTimeout().toMillis() + " ms), took " + poisoned.toMillis() + " ms");
        assertTrue(again.compareTo(normal.plus(PARAMETERS.rpcTimeout().dividedBy(2))) <= 0,
                "the black holes should be remembered as unreachable, so the next lookup should not wait on them;"
                        + " it took " + again.toMillis() + " ms");
    }

    private Duration timed(NodeId target) {
        Duration start = time.elapsed();
        LookupResult result = await(asker.findNode(target));
        assertTrue(result.closest().stream().anyMatch(contact -> contact.id().equals(honest.get(0).id())),
                "the lookup should still find the honest nodes: " + result.closest());
        return time.elapsed().minus(start);
    }

    private Optional<Contact> held(NodeId id) {
        return await(asker.knownContacts()).stream().filter(contact -> contact.id().equals(id)).findFirst();
    }

    private DhtNode node(String address) {
        DhtNode node = new DhtNode(new Contact(NodeId.random(random), address), PARAMETERS,
                MaintenanceIntervals.DEFAULTS, network.transport(address),
                new NodeContext(time, time, random.split()), InMemoryNetwork.ADDRESSES);
        node.start();
        return node;
    }

    private <T> T await(CompletableFuture<T> future) {
        assertTrue(time.runUntil(future::isDone, Duration.ofMinutes(2)), "should complete in virtual time");
        return future.handle((value, failure) -> value).join();
    }

    /** Answers pings honestly and find_node with whatever {@link #answer} names. */
    private static final class Poisoner implements LinkHandler {
        final Contact self;
        java.util.function.Function<NodeId, List<Contact>> answer = target -> List.of();

        Poisoner(Contact self) {
            this.self = self;
        }

        @Override
        public void onOpen(PeerLink link) {
        }

        @Override
        public void onFrame(PeerLink link, String frame) {
            if (CODEC.decode(frame) instanceof Decoded decoded) {
                Message request = decoded.message();
                if (request instanceof Ping) {
                    link.send(CODEC.encode(new Pong(request.requestId(), self)));
                } else if (request instanceof FindNode find) {
                    link.send(CODEC.encode(new Nodes(request.requestId(), self, answer.apply(find.target()))));
                }
            }
        }

        @Override
        public void onClose(PeerLink link, int code, String reason) {
        }
    }
}
