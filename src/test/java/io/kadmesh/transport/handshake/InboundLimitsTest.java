package io.kadmesh.transport.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.simulation.InMemoryNetwork;
import io.kadmesh.simulation.SimulatedTime;
import io.kadmesh.testing.LinkRecorder;

/**
 * Peers that open inbound links and never finish the handshake, against a node with small
 * {@link InboundLimits}: beyond a limit a link is closed at once with 1013 and the limit named, the
 * stalled ones are closed by the handshake timeout, and then the node admits links again.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InboundLimitsTest {

    private static final Duration LONG_ENOUGH = Duration.ofMinutes(1);

    private final SimulatedTime time = new SimulatedTime();
    private final InMemoryNetwork network = new InMemoryNetwork(time, new SplittableRandom(5));
    private final AtomicInteger refused = new AtomicInteger();
    private final HandshakeTransport node = new HandshakeTransport(network.transport("mem://1"),
            NodeIdentity.generate(), "mem://1", time, Duration.ofSeconds(5), new SplittableRandom(3),
            new InboundLimits(4, 3, 2), refused::incrementAndGet);
    private final LinkRecorder nodeSide = new LinkRecorder();
    private final java.util.Map<String, io.kadmesh.simulation.InMemoryTransport> sources = new java.util.HashMap<>();

    InboundLimitsTest() {
        node.listen(nodeSide);
    }

    @Test
    void handshakesInProgressAreCappedPerSourceThenInTotal() {
        LinkRecorder first = silent("mem://9");
        LinkRecorder second = silent("mem://9");
        LinkRecorder third = silent("mem://9");
        time.runFor(Duration.ofMillis(100));
        assertEquals(List.of("1013 too many handshakes in progress from mem://9 (limit 2)"), third.closes,
                () -> "first " + first.frames + first.closes + ", node " + nodeSide.opened);
        assertTrue(first.closes.isEmpty() && second.closes.isEmpty(), "the first two are left alone");

        LinkRecorder other = silent("mem://10");
        LinkRecorder overTotal = silent("mem://11");
        time.runFor(Duration.ofMillis(100));
        assertTrue(other.closes.isEmpty(), "another source is still admitted: " + other.closes);
        assertEquals(List.of("1013 too many handshakes in progress (limit 3)"), overTotal.closes);

        time.runUntilIdle(LONG_ENOUGH);
        assertEquals(List.of("1008 handshake timed out after 5000 ms"), first.closes, "the stall ends at the timeout");
        LinkRecorder later = silent("mem://9");
        time.runFor(Duration.ofMillis(100));
        assertTrue(later.closes.isEmpty(), "admitted again once the stalled handshakes ended: " + later.closes);
        assertEquals(1, later.frames.size(), "the node's hello");
    }

    @Test
    void inboundLinksAreCappedInTotalAndVerifiedOnesStillCount() {
        for (int i = 0; i < 4; i++) {
            honestPeer("mem://2" + i).dial("mem://1", new LinkRecorder());
            time.runUntilIdle(LONG_ENOUGH);
        }
        assertEquals(4, nodeSide.opened.size(), "four verified inbound links");

        LinkRecorder fifth = silent("mem://30");
        time.runFor(Duration.ofMillis(100));

        assertEquals(List.of("1013 too many inbound links (limit 4)"), fifth.closes);
        nodeSide.opened.get(0).close(1000, "done");
        time.runUntilIdle(LONG_ENOUGH);
        LinkRecorder sixth = silent("mem://31");
        time.runFor(Duration.ofMillis(100));
        assertTrue(sixth.closes.isEmpty(), "room again after a link closed: " + sixth.closes);
    }

    @Test
    void everyRefusedOrFailedInboundLinkIsToldOnceAndNoVerifiedOne() {
        honestPeer("mem://40").dial("mem://1", new LinkRecorder());
        time.runUntilIdle(LONG_ENOUGH);
        assertEquals(0, refused.get(), "a verified link is no failure");

        silent("mem://9");
        silent("mem://9");
        silent("mem://9");
        assertEquals(1, refused.get(), "the link refused at once (1013)");

        time.runUntilIdle(LONG_ENOUGH);
        assertEquals(1 + 2, refused.get(), "and each of the two handshakes that timed out");
    }

    /** A raw link from {@code address}, opened before this returns, that sends nothing. */
    private LinkRecorder silent(String address) {
        LinkRecorder recorder = new LinkRecorder();
        sources.computeIfAbsent(address, network::transport).dial("mem://1", recorder);
        time.runFor(Duration.ofMillis(100));
        return recorder;
    }

    private HandshakeTransport honestPeer(String address) {
        return new HandshakeTransport(network.transport(address), NodeIdentity.generate(), address, time,
                Duration.ofSeconds(5), new SplittableRandom(address.hashCode()));
    }
}
