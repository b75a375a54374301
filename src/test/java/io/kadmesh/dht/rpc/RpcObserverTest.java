package io.kadmesh.dht.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

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

/** The endpoint tells its observer every frame with the bytes it counted, and every link. */
class RpcObserverTest {

    private final SimulatedTime time = new SimulatedTime();
    private final InMemoryNetwork network = new InMemoryNetwork(time, new SplittableRandom(3));
    private final List<String> heard = new CopyOnWriteArrayList<>();

    private final RpcObserver observer = new RpcObserver() {
        @Override
        public void received(String transport, String type, long bytes) {
            heard.add("in " + type + " " + bytes);
        }

        @Override
        public void sent(String transport, String type, long bytes) {
            heard.add("out " + type + " " + bytes);
        }

        @Override
        public void linkOpened(String transport, boolean inbound) {
            heard.add("open " + (inbound ? "inbound" : "outbound"));
        }
    };

    @Test
    void mustTellTheObserverTheBytesOfEveryFrameAsCountedOnTheWire() {
        Contact self = new Contact(NodeId.random(new SplittableRandom(4)), "mem://knoten-ä€");
        Contact peer = new Contact(NodeId.random(new SplittableRandom(6)), "mem://pair-ö😀");
        Map<String, NodeId> ids = Map.of(self.address(), self.id(), peer.address(), peer.id());
        DhtNode node = new DhtNode(self, KademliaParameters.DEFAULTS, MaintenanceIntervals.DEFAULTS,
                new AuthenticatingTransport(network.transport(self.address()), ids),
                new NodeContext(time, time, new SplittableRandom(5)),
                NodeOptions.defaults().withAddresses(InMemoryNetwork.ADDRESSES).withObserver(observer));
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
        link.send("{not json");
        time.runFor(Duration.ofMillis(50));

        assertEquals(2, replies.frames.size(), "the ping and the bad frame are answered");
        assertEquals(List.of("open inbound", "in ping " + utf8(ping), "out pong " + utf8(replies.frames.get(0)),
                "in null " + utf8("{not json"), "out error " + utf8(replies.frames.get(1))), heard);
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
