package io.kadmesh.dht.rpc;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.kadmesh.dht.NodeId;
import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.PeerLink;

/**
 * What a node does with its links apart from sending requests on them: lists them, trims them to its maximum,
 * releases a link opened for one exchange, drops a link that stopped carrying answers. Links on which
 * a request of this node waits, or a frame of the peer waits to be read, are in flight. Confined to the
 * node's scheduler.
 */
public final class LinkControls {

    private final LinkPool links;
    private final Traffic traffic;
    private final LinkTrimmer trimmer;
    private final Clock clock;
    private final InboundQueues queues;
    private final Supplier<Collection<PeerLink>> awaited;

    /** {@code awaited} gives the links requests of this node wait on; {@code queues} the frames waiting to be read. */
    LinkControls(NodeId self, LinkPool links, Traffic traffic, Clock clock, InboundQueues queues,
            Supplier<Collection<PeerLink>> awaited) {
        this.links = links;
        this.traffic = traffic;
        this.trimmer = new LinkTrimmer(self);
        this.clock = clock;
        this.queues = queues;
        this.awaited = awaited;
    }

    /** How many links to nodes are open now; browsers' links are not counted. Call on the scheduler. */
    public int nodeLinkCount() {
        return links.nodeLinkCount();
    }

    /** The links open now, with their traffic. */
    public List<LinkInfo> list() {
        List<LinkInfo> result = new ArrayList<>();
        for (PeerLink link : links.openLinks()) {
            LinkTraffic counted = traffic.of(link);
            result.add(new LinkInfo(link.peerId().orElse(link.remoteAddress()), link.transportId(),
                    link.direction().name().toLowerCase(), counted.bytesIn(), counted.bytesOut()));
        }
        return result;
    }

    /**
     * Closes links to nodes (browsers' links are theirs: see {@link LinkPool#nodeLinks}) until at most {@code max} remain, or
     * as close to that as the links without anything
     * in flight allow, as {@link LinkTrimmer} chooses them: links to peers {@code routed} (those the
     * routing table holds) are kept longest. Returns how many it closed.
     */
    public int trim(int max, Duration idle, Predicate<NodeId> routed) {
        List<PeerLink> excess = trimmer.excess(links.nodeLinks(), inFlight(), traffic, clock.millis(), max, idle,
                routed);
        excess.forEach(link -> link.close(CloseCodes.NORMAL_CLOSURE, "over the connection limit"));
        return excess.size();
    }

    private Set<PeerLink> inFlight() {
        Set<PeerLink> inFlight = queues.linksWaiting();
        inFlight.addAll(awaited.get());
        return inFlight;
    }

    /**
     * Whether a link to {@code peer} is open now: its authenticated link, or one dialed to
     * {@code address} (on transports that do not authenticate).
     */
    public boolean hasLinkTo(NodeId peer, String address) {
        return links.linkOf(peer.toHex()).isPresent() || links.dialedTo(address).isPresent();
    }

    /**
     * Closes the link to {@code peer}, or the one dialed to {@code address}, unless it is busy: for a
     * link opened for one exchange only.
     */
    public void release(NodeId peer, String address, String reason) {
        links.linkOf(peer.toHex()).or(() -> links.dialedTo(address)).filter(link -> !inFlight().contains(link))
                .ifPresent(link -> link.close(CloseCodes.NORMAL_CLOSURE, reason));
    }

    /**
     * Closes the links to {@code peer} and to {@code address}, busy or not, so that the next request
     * dials afresh: for a link that has stopped carrying answers.
     */
    public void drop(NodeId peer, String address, String reason) {
        links.linkOf(peer.toHex()).ifPresent(link -> link.close(CloseCodes.GOING_AWAY, reason));
        links.dialedTo(address).ifPresent(link -> link.close(CloseCodes.GOING_AWAY, reason));
    }
}
