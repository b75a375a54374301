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
 * Chooses the links to close when a node has more than it wants: down to the maximum, links its
 * peers keep busy included, so that peers that keep their links busy cannot hold the node above it.
 * A link on which a request of this node waits is not closed: only this node's own requests make a
 * link so, each ends within the RPC timeout, and closing it would cut a lookup short. The links most
 * useful to the routing table are kept: a link is closed first when its peer is not in the routing
 * table (or not authenticated), then the newest first (long-lived links are kept, as the paper keeps
 * long-lived contacts: a peer cannot push them out by opening links and keeping them busy); among
 * links opened at the same moment, the idle ones, then the farthest peer in XOR distance.
 */
final class LinkTrimmer {

    /** Farther than any id: where links whose peer is not a node id sort. */
    private static final BigInteger BEYOND_ANY_ID = BigInteger.TWO.pow(NodeId.BITS);

    private final NodeId self;

    LinkTrimmer(NodeId self) {
        this.self = self;
    }

    /**
     * The links of {@code open} to close so that at most {@code max} remain, or as few more as the links
     * in {@code busy} (a request of this node waits on them) allow. A link is idle when silent for
     * {@code idle}; {@code routed} tells whether a peer id is in the routing table.
     */
    List<PeerLink> excess(List<PeerLink> open, Collection<PeerLink> busy, Traffic traffic, long nowMillis, int max,
            Duration idle, Predicate<NodeId> routed) {
        if (open.size() <= max) {
            return List.of();
        }
        Comparator<PeerLink> closeFirst = Comparator.<PeerLink, Boolean> comparing(link -> isRouted(link, routed))
                .thenComparing(link -> traffic.of(link).firstSeenMillis(), Comparator.reverseOrder())
                .thenComparing(link -> nowMillis - traffic.of(link).lastActiveMillis() < idle.toMillis())
                .thenComparing(this::distanceOf, Comparator.reverseOrder());
        List<PeerLink> ranked = new ArrayList<>(open);
        ranked.removeAll(busy);
        ranked.sort(closeFirst);
        return List.copyOf(ranked.subList(0, Math.min(open.size() - max, ranked.size())));
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
