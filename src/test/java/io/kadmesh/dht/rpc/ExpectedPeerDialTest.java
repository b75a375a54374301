package io.kadmesh.dht.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeContext;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;
import io.kadmesh.dht.node.DhtNode;
import io.kadmesh.simulation.InMemoryNetwork;
import io.kadmesh.simulation.SimulatedTime;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.testing.LinkRecorder;

/**
 * A dial to a known contact tells the transport whose link it expects, so that the guard below keeps
 * that peer's failures under its id, whatever address it is reached at; a dial to an address alone
 * (a seed) expects no one.
 */
class ExpectedPeerDialTest {

    private final SimulatedTime time = new SimulatedTime();
    private final InMemoryNetwork network = new InMemoryNetwork(time, new SplittableRandom(8));

    @Test
    void mustDialAKnownContactNamingItsIdAndASeedNamingNone() {
        Contact self = new Contact(NodeId.random(new SplittableRandom(1)), "mem://self");
        Contact known = new Contact(NodeId.random(new SplittableRandom(2)), "mem://known");
        Contact seed = new Contact(NodeId.random(new SplittableRandom(3)), "mem://seed");
        Map<String, NodeId> ids = Map.of(self.address(), self.id(), known.address(), known.id(), seed.address(),
                seed.id());
        for (Contact peer : List.of(known, seed)) {
            new AuthenticatingTransport(network.transport(peer.address()), ids).listen(new LinkRecorder());
        }
        RecordingTransport dials = new RecordingTransport(
                new AuthenticatingTransport(network.transport(self.address()), ids));
        DhtNode node = new DhtNode(self, KademliaParameters.DEFAULTS, MaintenanceIntervals.DEFAULTS, dials,
                new NodeContext(time, time, new SplittableRandom(4)), InMemoryNetwork.ADDRESSES);
        node.start();

        node.check(known);
        node.ping(seed.address());
        time.runFor(Duration.ofMillis(50));

        assertTrue(dials.expected.contains(known.address() + " expecting " + known.id().toHex()), dials.expected
                .toString());
        assertTrue(dials.expected.contains(seed.address() + " expecting nobody"), dials.expected.toString());
        assertEquals(2, dials.expected.size(), dials.expected.toString());
    }

    /** Records what each dial expects, then dials through the transport it wraps. */
    private static final class RecordingTransport implements Transport {
        private final Transport inner;
        private final List<String> expected = new ArrayList<>();

        RecordingTransport(Transport inner) {
            this.inner = inner;
        }

        @Override
        public CompletionStage<PeerLink> dial(String address, String expectedPeerId, LinkHandler handler) {
            expected.add(address + " expecting " + (expectedPeerId == null ? "nobody" : expectedPeerId));
            return inner.dial(address, handler);
        }

        @Override
        public CompletionStage<PeerLink> dial(String address, LinkHandler handler) {
            return dial(address, null, handler);
        }

        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public boolean supports(String address) {
            return inner.supports(address);
        }

        @Override
        public void listen(LinkHandler handler) {
            inner.listen(handler);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
