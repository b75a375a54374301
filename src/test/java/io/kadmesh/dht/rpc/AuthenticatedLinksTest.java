package io.kadmesh.dht.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeContext;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;
import io.kadmesh.dht.node.DhtNode;
import io.kadmesh.dht.protocol.Decoded;
import io.kadmesh.dht.protocol.ErrorCode;
import io.kadmesh.dht.protocol.ErrorReply;
import io.kadmesh.dht.protocol.MessageCodec;
import io.kadmesh.dht.protocol.Ping;
import io.kadmesh.simulation.InMemoryNetwork;
import io.kadmesh.simulation.SimulatedTime;
import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.testing.LinkRecorder;

/** On transports that authenticate peers: forged senders are refused, and each peer has one link. */
class AuthenticatedLinksTest {

    private final SimulatedTime time = new SimulatedTime();
    private final InMemoryNetwork network = new InMemoryNetwork(time, new SplittableRandom(1));
    private final Map<String, NodeId> ids = new HashMap<>();
    private final SplittableRandom random = new SplittableRandom(2);

    private DhtNode node(String address) {
        Contact self = new Contact(NodeId.random(random), address);
        ids.put(address, self.id());
        DhtNode node = new DhtNode(self, KademliaParameters.DEFAULTS, MaintenanceIntervals.DEFAULTS,
                new AuthenticatingTransport(network.transport(address), ids),
                new NodeContext(time, time, random.split()), InMemoryNetwork.ADDRESSES);
        node.start();
        return node;
    }

    private <T> T await(CompletableFuture<T> future) {
        assertTrue(time.runUntil(future::isDone, Duration.ofSeconds(10)));
        return future.join();
    }

    private boolean knows(DhtNode node, DhtNode peer) {
        return await(node.knownContacts()).stream().anyMatch(contact -> contact.id().equals(peer.id()));
    }

    @Test
    void mustRefuseAndCloseALinkWhoseSenderIsNotItsAuthenticatedPeer() {
        DhtNode node = node("mem://node");
        ids.put("mem://mallory", NodeId.random(random));
        Contact impersonated = new Contact(NodeId.random(random), "mem://alice");
        LinkRecorder mallory = new LinkRecorder();
        PeerLink link = await(new AuthenticatingTransport(network.transport("mem://mallory"), ids)
                .dial("mem://node", mallory).toCompletableFuture());

        link.send(new MessageCodec(MessageCodec.DEFAULT_MAX_FRAME_BYTES, InMemoryNetwork.ADDRESSES)
                .encode(new Ping("p1", impersonated)));
        time.runFor(Duration.ofMillis(100));

        ErrorReply reply = assertInstanceOf(ErrorReply.class,
                assertInstanceOf(Decoded.class,
                        new MessageCodec(MessageCodec.DEFAULT_MAX_FRAME_BYTES, InMemoryNetwork.ADDRESSES)
                                .decode(mallory.frames.get(0)))
                        .message());
        assertEquals(ErrorCode.REFUSED, reply.code());
        assertEquals(List.of(CloseCodes.POLICY_VIOLATION), mallory.closeCodes);
        assertEquals(1, node.stats().badFrames());
    }

    @Test
    void mustKeepOneLinkPerPeerWhenBothSidesDialAtOnce() {
        DhtNode a = node("mem://a");
        DhtNode b = node("mem://b");
        time.runFor(Duration.ofMillis(1));

        CompletableFuture<Contact> aToB = a.ping("mem://b");
        CompletableFuture<Contact> bToA = b.ping("mem://a");

        assertEquals(b.id(), await(aToB).id());
        assertEquals(a.id(), await(bToA).id());
        time.runFor(Duration.ofMillis(100));
        List<LinkInfo> linksOfA = await(a.links());
        List<LinkInfo> linksOfB = await(b.links());
        assertEquals(1, linksOfA.size(), "a keeps one link to b");
        assertEquals(1, linksOfB.size(), "b keeps one link to a");
        boolean aDialedKept = linksOfA.get(0).direction().equals("outbound");
        assertEquals(a.id().compareTo(b.id()) < 0, aDialedKept, "the link dialed by the lower id survives");
        assertFalse(linksOfA.get(0).direction().equals(linksOfB.get(0).direction()), "both ends of the same link");
        assertEquals(b.id().toHex(), linksOfA.get(0).peer());
        assertTrue(linksOfA.get(0).bytesOut() > 0 && linksOfA.get(0).bytesIn() > 0, "traffic is counted");
    }

    @Test
    void mustDropAPeerWhoseLinkEndsAbruptlyAndWhichThenCannotBeReached() {
        DhtNode a = node("mem://a");
        DhtNode b = node("mem://b");
        time.runFor(Duration.ofMillis(1));
        await(a.ping("mem://b"));
        assertTrue(knows(a, b));

        b.stop();
        time.runFor(Duration.ofSeconds(1));

        assertFalse(knows(a, b), "a stopped peer leaves the routing table within 1 s");
    }

    @Test
    void mustKeepAPeerWhoseLinkWasMerelyTrimmed() {
        DhtNode a = node("mem://a");
        DhtNode b = node("mem://b");
        time.runFor(Duration.ofMillis(1));
        await(a.ping("mem://b"));
        time.runFor(Duration.ofSeconds(3));

        assertEquals(1, await(a.linkBalancer().balance(0, 0, Duration.ofSeconds(2))), "one link before trimming");
        time.runFor(Duration.ofSeconds(1));

        assertEquals(0, await(a.links()).size(), "the idle link was closed");
        assertTrue(knows(a, b), "an orderly close says nothing about the peer");
    }
}
