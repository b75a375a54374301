package io.kadmesh.dht.rpc;

import static io.kadmesh.dht.rpc.MultibyteLink.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.node.DhtNode;
import io.kadmesh.dht.node.NodeOptions;
import io.kadmesh.simulation.SimulatedTime;
import io.kadmesh.spi.transport.Utf8;
import io.kadmesh.testing.LinkRecorder;

/** A link's traffic is counted in the bytes its frames take on the wire, as UTF-8. */
class TrafficTest {

    @Test
    void mustCountTheUtf8BytesOfFramesWithMultiByteCharactersBothWays() {
        MultibyteLink peers = new MultibyteLink(NodeOptions.defaults());
        SimulatedTime time = peers.time;
        LinkRecorder replies = peers.replies;
        DhtNode node = peers.node;
        String ping = peers.ping("p1");
        peers.send(ping);

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

}
