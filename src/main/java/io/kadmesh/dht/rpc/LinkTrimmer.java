package io.kadmesh.dht.rpc;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import io.kadmesh.dht.NodeId;
import io.kadmesh.spi.transport.PeerLink;

/**
 * Chooses the links to close when a node has more than it wants: idle ones only (no request waiting
 * on them, no frame for a while), those to the peers farthest from this node in XOR distance first,
 * and links to unauthenticated peers before any.
 */
final class LinkTrimmer {

    /** Farther than any id: where links whose peer is not a node id sort. */
    private static final BigInteger BEYOND_ANY_ID = BigInteger.TWO.pow(NodeId.BITS);

    private final NodeId self;

    LinkTrimmer(NodeId self) {
        this.self = self;
    }

    /**
     * The links of {@code open} to close so that at most {@code max} remain, or as close to that as
     * idle links allow: a link is idle when none of {@code busy} and silent for {@code idle}.
     */
    List<PeerLink> excess(List<PeerLink> open, Collection<PeerLink> busy, Traffic traffic, long nowMillis, int max,
            Duration idle) {
        if (open.size() <= max) {
            return List.of();
        }
        List<PeerLink> candidates = new ArrayList<>();
        for (PeerLink link : open) {
            if (!busy.contains(link) && nowMillis - traffic.of(link).lastActiveMillis() >= idle.toMillis()) {
                candidates.add(link);
            }
        }
        candidates.sort(Comparator.comparing(this::distanceOf).reversed());
        return List.copyOf(candidates.subList(0, Math.min(open.size() - max, candidates.size())));
    }

    private BigInteger distanceOf(PeerLink link) {
        return link.peerId().filter(NodeId::isHex).map(id -> self.distanceTo(NodeId.fromHex(id)).toBigInteger())
                .orElse(BEYOND_ANY_ID);
    }
}
