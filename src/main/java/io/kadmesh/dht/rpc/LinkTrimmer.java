package io.kadmesh.dht.rpc;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import io.kadmesh.dht.NodeId;
import io.kadmesh.spi.transport.PeerLink;

/**
 * Chooses the links to close when a node has more than it wants, so that peers who keep their links
 * busy cannot hold it above its maximum, and so that no exchange is cut short.
 * <p>
 * A link may be closed when nothing is in flight on it (no request of this node waits on it, no frame
 * of the peer waits to be read) and it has been open for the idle time at least, and then when it is
 * idle (silent that long) or inbound: a peer that dialed this node and keeps the link busy is closed
 * too, while this node's own links are closed only when idle. An inbound link this node itself sent a
 * request on within the idle time counts as its own: closing it would only make this node dial the
 * same peer again for its next request (a lookup's, a pubsub root's delivery), and a peer cannot make
 * this node send it requests by keeping the link busy. A frame the peer sent as the link
 * closes is sent again on a fresh link, as every request is after a close.
 * <p>
 * The links most useful to the routing table are kept: those to peers outside it (or not
 * authenticated) go first, then the newest (long-lived links are kept, as the paper keeps long-lived
 * contacts: opening links and keeping them busy does not push them out), then the idle before the
 * busy, then the farthest peers in XOR distance. Only the surplus least useful links are candidates,
 * so a link that cannot be closed yet is never made up for by closing a more useful one.
 */
final class LinkTrimmer {

    /** Farther than any id: where links whose peer is not a node id sort. */
    private static final BigInteger BEYOND_ANY_ID = BigInteger.TWO.pow(NodeId.BITS);

    private final NodeId self;

    LinkTrimmer(NodeId self) {
        this.self = self;
    }

    /**
     * The links of {@code open} to close so that at most {@code max} remain: of the surplus least
     * useful links, those that may be closed now. A link among the {@code max} most useful is never
     * closed in place of one that cannot be closed yet; that one waits for a later call.
     * {@code inFlight} are the links something is in flight on; {@code routed} tells whether the
     * routing table holds a peer.
     */
    List<PeerLink> excess(List<PeerLink> open, Collection<PeerLink> inFlight, Traffic traffic, long nowMillis,
            int max, Duration idle, Predicate<NodeId> routed) {
        if (open.size() <= max) {
            return List.of();
        }
        long idleMillis = idle.toMillis();
        Predicate<PeerLink> isIdle = link -> nowMillis - traffic.of(link).lastActiveMillis() >= idleMillis;
        List<PeerLink> leastUseful = new ArrayList<>(open);
        leastUseful.sort(Comparator.<PeerLink, Boolean> comparing(link -> isRouted(link, routed))
                .thenComparing(link -> traffic.of(link).firstSeenMillis(), Comparator.reverseOrder())
                .thenComparing(isIdle::test, Comparator.reverseOrder())
                .thenComparing(this::distanceOf, Comparator.reverseOrder()));
        List<PeerLink> excess = new ArrayList<>();
        for (PeerLink link : leastUseful.subList(0, open.size() - max)) {
            boolean oldEnough = nowMillis - traffic.of(link).firstSeenMillis() >= idleMillis;
            boolean theirs = link.direction() == PeerLink.Direction.INBOUND
                    && !traffic.of(link).requestedWithin(idleMillis, nowMillis);
            if (!inFlight.contains(link) && oldEnough && (theirs || isIdle.test(link))) {
                excess.add(link);
            }
        }
        return List.copyOf(excess);
    }

    private static boolean isRouted(PeerLink link, Predicate<NodeId> routed) {
        return peerIdOf(link).filter(routed).isPresent();
    }

    private BigInteger distanceOf(PeerLink link) {
        return peerIdOf(link).map(id -> self.distanceTo(id).toBigInteger()).orElse(BEYOND_ANY_ID);
    }

    private static Optional<NodeId> peerIdOf(PeerLink link) {
        return link.peerId().filter(NodeId::isHex).map(NodeId::fromHex);
    }
}
