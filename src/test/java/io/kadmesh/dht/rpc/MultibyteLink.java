package io.kadmesh.dht.rpc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeContext;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;
import io.kadmesh.dht.node.DhtNode;
import io.kadmesh.dht.node.NodeOptions;
import io.kadmesh.dht.protocol.MessageCodec;
import io.kadmesh.dht.protocol.Ping;
import io.kadmesh.simulation.InMemoryNetwork;
import io.kadmesh.simulation.SimulatedTime;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.testing.LinkRecorder;

/**
 * A node and a peer whose addresses hold multi-byte characters, so that characters and UTF-8 bytes
 * differ, joined by one authenticated link over the in-memory network, in virtual time: for tests of
 * what the endpoint counts on the wire.
 */
final class MultibyteLink {

    final SimulatedTime time = new SimulatedTime();
    final Contact self = new Contact(NodeId.random(new SplittableRandom(4)), "mem://knoten-ä€");
    final Contact peer = new Contact(NodeId.random(new SplittableRandom(6)), "mem://pair-ö😀");
    /** What the node sent the peer over the link. */
    final LinkRecorder replies = new LinkRecorder();
    final DhtNode node;
    /** The peer's end of the link. */
    final PeerLink link;

    /** Starts the node with {@code options} and dials it from the peer. */
    MultibyteLink(NodeOptions options) {
        InMemoryNetwork network = new InMemoryNetwork(time, new SplittableRandom(3));
        Map<String, NodeId> ids = Map.of(self.address(), self.id(), peer.address(), peer.id());
        node = new DhtNode(self, KademliaParameters.DEFAULTS, MaintenanceIntervals.DEFAULTS,
                new AuthenticatingTransport(network.transport(self.address()), ids),
                new NodeContext(time, time, new SplittableRandom(5)), options.withAddresses(InMemoryNetwork.ADDRESSES));
        node.start();
        time.runFor(Duration.ofMillis(1));
        var dial = new AuthenticatingTransport(network.transport(peer.address()), ids).dial(self.address(), replies)
                .toCompletableFuture();
        assertTrue(time.runUntil(dial::isDone, Duration.ofSeconds(1)));
        link = dial.join();
    }

    /** A ping from the peer, as the wire carries it. */
    String ping(String requestId) {
        return new MessageCodec(MessageCodec.DEFAULT_MAX_FRAME_BYTES, InMemoryNetwork.ADDRESSES)
                .encode(new Ping(requestId, peer));
    }

    /** Sends {@code frame} from the peer and lets the node answer it. */
    void send(String frame) {
        link.send(frame);
        time.runFor(Duration.ofMillis(50));
    }

    static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
