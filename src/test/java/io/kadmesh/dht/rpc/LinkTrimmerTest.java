package io.kadmesh.dht.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.NodeId;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.testing.IdleLink;
import io.kadmesh.testing.ManualClock;
import io.kadmesh.testing.TinyIds;

/**
 * Surplus links are chosen among those with nothing in flight and open for the idle time: idle ones,
 * and inbound ones kept busy by their peers; peers outside the routing table first, then the newest,
 * then the farthest.
 */
class LinkTrimmerTest {

    private static final Duration IDLE = Duration.ofSeconds(2);
    private static final Predicate<NodeId> ALL_ROUTED = id -> true;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-29T00:00:00Z"));
    private final Traffic traffic = new Traffic(clock);
    private final LinkTrimmer trimmer = new LinkTrimmer(TinyIds.id("0000"));

    private final PeerLink near = link(TinyIds.id("0001"));
    private final PeerLink middle = link(TinyIds.id("0100"));
    private final PeerLink far = link(TinyIds.id("1000"));
    private final PeerLink farthest = link(TinyIds.id("1111"));

    @Test
    void mustCloseTheFarthestIdleLinksDownToTheLimit() {
        List<PeerLink> open = List.of(near, farthest, middle, far);
        open.forEach(traffic::of);
        clock.advance(IDLE);

        assertEquals(List.of(farthest, far), excess(open, List.of(), 2, ALL_ROUTED));
    }

    @Test
    void mustSpareItsOwnBusyLinksAndLinksWithSomethingInFlight() {
        List<PeerLink> open = List.of(near, middle, far, farthest);
        open.forEach(traffic::of);
        clock.advance(IDLE);
        open.forEach(link -> traffic.received(link, "{}"));

        assertEquals(List.of(), excess(open, List.of(), 2, ALL_ROUTED), "every link was dialed by this node and is busy");
        clock.advance(IDLE);
        assertEquals(List.of(far), excess(open, List.of(farthest), 2, ALL_ROUTED),
                "all idle now: farthest and far are the surplus, farthest awaits a reply, and middle is among the two"
                        + " most useful, so it is not closed in its place");
    }

    @Test
    void mustCloseInboundLinksKeptBusyBeyondTheLimitPeersOutsideTheTableFirstThenTheNewest() {
        PeerLink longLived = inbound(TinyIds.id("1110"));
        PeerLink routed = inbound(TinyIds.id("0010"));
        PeerLink stranger = inbound(TinyIds.id("0011"));
        PeerLink newest = inbound(TinyIds.id("0110"));
        traffic.of(longLived);
        clock.advance(IDLE);
        List.of(routed, stranger).forEach(traffic::of);
        clock.advance(Duration.ofMillis(1));
        traffic.of(newest);
        clock.advance(IDLE);
        List.of(longLived, routed, stranger, newest).forEach(link -> traffic.received(link, "{}"));
        Set<NodeId> table = Set.of(TinyIds.id("1110"), TinyIds.id("0010"), TinyIds.id("0110"));

        assertEquals(List.of(stranger, newest), excess(List.of(longLived, routed, stranger, newest), List.of(), 2,
                table::contains), "all four busy: the peer outside the table, then the newest link");
    }

    @Test
    void mustSpareAnInboundLinkThisNodeSendsItsOwnRequestsOnUntilItStopsForTheIdleTime() {
        PeerLink used = inbound(TinyIds.id("1110"));
        PeerLink answeredOnly = inbound(TinyIds.id("1101"));
        List.of(near, used, answeredOnly).forEach(traffic::of);
        clock.advance(IDLE);
        traffic.sent(used, "{\"type\":\"find_node\"}", true);
        traffic.sent(answeredOnly, "{\"type\":\"nodes\"}", false);
        clock.advance(IDLE.minusMillis(1));
        List.of(near, used, answeredOnly).forEach(link -> traffic.received(link, "{}"));

        assertEquals(List.of(answeredOnly), excess(List.of(near, used, answeredOnly), List.of(), 1, ALL_ROUTED),
                "both busy; this node asks over one of them, and only answers the peer over the other");
        clock.advance(Duration.ofMillis(1));
        List.of(near, used).forEach(link -> traffic.received(link, "{}"));
        assertEquals(List.of(used, answeredOnly), excess(List.of(near, used, answeredOnly), List.of(), 1, ALL_ROUTED),
                "no request of this node's for the idle time: the peer's traffic alone does not hold the link");
    }

    @Test
    void mustSpareALinkOpenedMomentsAgoAndOneWithAFrameToRead() {
        PeerLink young = inbound(TinyIds.id("1110"));
        PeerLink unread = inbound(TinyIds.id("1101"));
        traffic.of(unread);
        clock.advance(IDLE);
        traffic.of(young);
        List.of(young, unread).forEach(link -> traffic.received(link, "{}"));

        assertEquals(List.of(), excess(List.of(near, young, unread), List.of(unread), 0, ALL_ROUTED),
                "near is new too; young has not been open for the idle time, unread has a frame waiting");
    }

    @Test
    void mustCloseNothingWithinTheLimit() {
        List<PeerLink> open = List.of(near, far);
        open.forEach(traffic::of);
        clock.advance(IDLE);

        assertEquals(List.of(), excess(open, List.of(), 2, ALL_ROUTED));
    }

    private List<PeerLink> excess(List<PeerLink> open, List<PeerLink> inFlight, int max, Predicate<NodeId> routed) {
        return trimmer.excess(open, inFlight, traffic, clock.millis(), max, IDLE, routed);
    }

    private static PeerLink link(NodeId peer) {
        return new IdleLink("test", "mem://" + peer.shortHex(), Optional.of(peer.toHex()));
    }

    private static PeerLink inbound(NodeId peer) {
        return IdleLink.inbound("test", "mem://" + peer.shortHex(), peer.toHex());
    }
}
