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
 * Surplus links are closed down to the limit, busy ones too, except those awaiting a reply to this
 * node: peers outside the routing table first, then the newest links, idle ones, the farthest peers.
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

        assertEquals(List.of(farthest, far), trimmer.excess(open, List.of(), traffic, clock.millis(), 2, IDLE, ALL_ROUTED));
    }

    @Test
    void mustSpareLinksWithPendingRequestsOrRecentTraffic() {
        List<PeerLink> open = List.of(near, middle, far, farthest);
        open.forEach(traffic::of);
        clock.advance(IDLE);
        traffic.received(far, "{}");

        assertEquals(List.of(middle), trimmer.excess(open, List.of(farthest), traffic, clock.millis(), 3, IDLE, ALL_ROUTED),
                "far spoke just now and farthest awaits a reply: only middle and near are idle, middle is farther");
    }

    @Test
    void mustCloseActiveLinksOfPeersOutsideTheRoutingTableBeforeIdleRoutedOnes() {
        List<PeerLink> open = List.of(near, middle, far, farthest);
        open.forEach(traffic::of);
        clock.advance(IDLE);
        traffic.received(middle, "{}");
        traffic.received(far, "{}");

        assertEquals(List.of(middle, farthest),
                trimmer.excess(open, List.of(far), traffic, clock.millis(), 2, IDLE, Set.of(near.peerId().map(NodeId::fromHex)
                        .orElseThrow(), farthest.peerId().map(NodeId::fromHex).orElseThrow())::contains),
                "far awaits a reply and stays; middle is active but outside the routing table, so it goes first;"
                        + " then the farther of the idle routed links");
    }

    @Test
    void mustNeverCloseALinkAwaitingAReplyToThisNode() {
        List<PeerLink> open = List.of(near, middle, far);
        open.forEach(traffic::of);

        assertEquals(List.of(far), trimmer.excess(open, List.of(near, middle), traffic, clock.millis(), 1, IDLE,
                ALL_ROUTED), "near and middle await replies: the node stays above its limit rather than cut them");
    }

    @Test
    void mustCloseTheNewestLinksFirstWhenAllElseIsEqual() {
        List<PeerLink> open = List.of(near, farthest);
        traffic.of(farthest);
        clock.advance(IDLE);
        traffic.of(near);
        clock.advance(IDLE);

        assertEquals(List.of(near), trimmer.excess(open, List.of(), traffic, clock.millis(), 1, IDLE, ALL_ROUTED),
                "near is newer: the long-lived link to farthest stays");
    }

    @Test
    void mustCloseNothingWithinTheLimit() {
        List<PeerLink> open = List.of(near, far);
        open.forEach(traffic::of);
        clock.advance(IDLE);

        assertEquals(List.of(), trimmer.excess(open, List.of(), traffic, clock.millis(), 2, IDLE, ALL_ROUTED));
    }

    private static PeerLink link(NodeId peer) {
        return new IdleLink("test", "mem://" + peer.shortHex(), Optional.of(peer.toHex()));
    }
}
