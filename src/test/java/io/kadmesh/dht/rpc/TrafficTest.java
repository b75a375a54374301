package io.kadmesh.dht.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeContext;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;
import io.kadmesh.dht.node.DhtNode;
import io.kadmesh.dht.protocol.MessageCodec;
import io.kadmesh.dht.protocol.Ping;
import io.kadmesh.simulation.InMemoryNetwork;
import io.kadmesh.simulation.SimulatedTime;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Utf8;
import io.kadmesh.testing.LinkRecorder;

/** A link's traffic is counted in the bytes its frames take on the wire, as UTF-8. */
class TrafficTest {

    private final SimulatedTime time = new SimulatedTime();
    private final InMemoryNetwork network = new InMemoryNetwork(time, new SplittableRandom(3));

    @Test
    void mustCountTheUtf8BytesOfFramesWithMultiByteCharactersBothWays() {
        Contact self = new Contact(NodeId.random(new SplittableRandom(4)), "mem://knoten-ä€");
        Contact peer = new Contact(NodeId.random(new SplittableRandom(6)), "mem://pair-ö😀");
        Map<String, NodeId> ids = Map.of(self.address(), self.id(), peer.address(), peer.id());
        DhtNode node = new DhtNode(self, KademliaParameters.DEFAULTS, MaintenanceIntervals.DEFAULTS,
                new AuthenticatingTransport(network.transport(self.address()), ids),
                new NodeContext(time, time, new SplittableRandom(5)), InMemoryNetwork.ADDRESSES);
        node.start();
        time.runFor(Duration.ofMillis(1));
        LinkRecorder replies = new LinkRecorder();
        var dial = new AuthenticatingTransport(network.transport(peer.address()), ids)
                .dial(self.address(), replies).toCompletableFuture();
        assertTrue(time.runUntil(dial::isDone, Duration.ofSeconds(1)));
        PeerLink link = dial.join();

        String ping = new MessageCodec(MessageCodec.DEFAULT_MAX_FRAME_BYTES, InMemoryNetwork.ADDRESSES)
                .encode(new Ping("p1", peer));
        link.send(ping);
        time.runFor(Duration.ofMillis(50));

        assertEquals(1, replies.frames.size(), "the ping is answered");
        String pong = replies.frames.get(0);
        var links = node.links();
        assertTrue(time.runUntil(links::isDone, Duration.ofSeconds(1)));
        LinkInfo counted = links.join().get(0);
        assertEquals(utf8(ping), counted.bytesIn());
        assertEquals(utf8(pong), counted.bytesOut());
        assertNotEquals(ping.length(), counted.bytesIn(), "characters are not bytes here");
        assertNotEquals(pong.length(), counted.bytesOut(), "characters are not bytes here");
    }

    @Test
    void mustMeasureUtf8LengthWithoutEncoding() {
        for (String text : List.of("", "plain ascii", "ä", "€", "😀", "mixed ä € 😀 end", "\u07ff\u0800\uffff")) {
            assertEquals(utf8(text), Utf8.length(text), text);
        }
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
