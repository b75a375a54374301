package io.kadmesh.dht.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.NodeId;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.testing.IdleLink;
import io.kadmesh.testing.ManualClock;
import io.kadmesh.testing.TinyIds;

/** Surplus links are chosen among the idle ones, farthest peers first. */
class LinkTrimmerTest {

    private static final Duration IDLE = Duration.ofSeconds(2);

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

        assertEquals(List.of(farthest, far), trimmer.excess(open, List.of(), traffic, clock.millis(), 2, IDLE));
    }

    @Test
    void mustSpareLinksWithPendingRequestsOrRecentTraffic() {
        List<PeerLink> open = List.of(near, middle, far, farthest);
        open.forEach(traffic::of);
        clock.advance(IDLE);
        traffic.received(far, "{}");

        assertEquals(List.of(middle), trimmer.excess(open, List.of(farthest), traffic, clock.millis(), 3, IDLE),
                "far spoke just now and farthest awaits a reply: only middle and near are idle, middle is farther");
    }

    @Test
    void mustCloseNothingWithinTheLimit() {
        List<PeerLink> open = List.of(near, far);
        open.forEach(traffic::of);
        clock.advance(IDLE);

        assertEquals(List.of(), trimmer.excess(open, List.of(), traffic, clock.millis(), 2, IDLE));
    }

    private static PeerLink link(NodeId peer) {
        return new IdleLink("test", "mem://" + peer.shortHex(), Optional.of(peer.toHex()));
    }
}
