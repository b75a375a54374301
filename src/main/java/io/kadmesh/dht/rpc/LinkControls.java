package io.kadmesh.dht.rpc;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import io.kadmesh.dht.NodeId;
import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.PeerLink;

/**
 * What a node does with its links apart from sending requests on them: lists them, trims them to its maximum,
 * releases a link opened for one exchange, drops a link that stopped carrying answers. Links on which
 * a request of this node waits are busy. Confined to the node's scheduler.
 */
public final class LinkControls {

    private final LinkPool links;
    private final Traffic traffic;
    private final LinkTrimmer trimmer;
    private final Clock clock;
    private final Supplier<Collection<PeerLink>> busy;

    LinkControls(NodeId self, LinkPool links, Traffic traffic, Clock clock, Supplier<Collection<PeerLink>> busy) {
        this.links = links;
        this.traffic = traffic;
        this.trimmer = new LinkTrimmer(self);
        this.clock = clock;
        this.busy = busy;
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
     * Closes idle links until at most {@code max} remain, or as close to that as idle links allow, as
     * {@link LinkTrimmer} chooses them. Returns how many it closed.
     */
    public int trim(int max, Duration idle) {
        List<PeerLink> excess = trimmer.excess(links.openLinks(), busy.get(), traffic, clock.millis(), max, idle);
        excess.forEach(link -> link.close(CloseCodes.NORMAL_CLOSURE, "over the connection limit"));
        return excess.size();
    }

    /**
     * Whether a link to {@code peer} is open now: its authenticated link, or one dialed to
     * {@code address} (on transports that do not authenticate).
     */
    public boolean hasLinkTo(NodeId peer, String address) {
        return links.linkOf(peer.toHex()).isPresent() || links.dialedTo(address).isPresent();
    }

    /** Closes the link to {@code peer} unless it is busy: for a link opened for one exchange only. */
    public void release(NodeId peer, String reason) {
        links.linkOf(peer.toHex()).filter(link -> !busy.get().contains(link))
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
