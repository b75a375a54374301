package io.kadmesh.dht.rpc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.kadmesh.dht.Contact;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Transport;

/**
 * The links of one node: outbound dials by address, and, on transports that authenticate peers,
 * exactly one link per peer id and transport. When two authenticated links to the same peer open over
 * one transport (both sides dialed at once), both sides keep the one dialed by the lower node id and
 * close the other, so the outcome is the same on both ends without any message. When the same side
 * dialed both, the newer stays: a peer dials again when it has given up its link, as a browser does
 * that closed it a moment ago, and the old one may not have closed here yet. A link over another
 * transport (a browser's DataChannel beside its WebSocket) is no duplicate: both stay, the newer
 * carries this node's requests, and the other takes over when it closes. Confined to the node's
 * scheduler.
 */
final class LinkPool {

    /** Reason for the link that loses a duplicate contest, closed with a normal closure. */
    static final String DUPLICATE_REASON = "duplicate connection: keeping the one dialed by the lower node id";

    private final String selfId;
    private final Transport transport;
    private final LinkHandler handler;
    private final Map<String, CompletableFuture<PeerLink>> dials = new HashMap<>();
    private final Map<String, PeerLink> byPeer = new HashMap<>();
    private final Set<String> browsers = new HashSet<>();
    /** A second link to a peer over another transport than its link in use: kept, and used once that one closes. */
    private final Map<String, PeerLink> spares = new HashMap<>();

    LinkPool(String selfId, Transport transport, LinkHandler handler) {
        this.selfId = selfId;
        this.transport = transport;
        this.handler = handler;
    }

    /**
     * The link to send to: the authenticated link of {@code peerId} when one is open, else the link
     * dialed to {@code address}, dialing it first if needed. {@code peerId} may be null; when it is
     * known, the dial carries it, so that the transport's guard keeps that peer's failures under its
     * id, whatever address it is reached at.
     */
    CompletableFuture<PeerLink> linkTo(String address, String peerId) {
        PeerLink known = peerId == null ? null : byPeer.get(peerId);
        if (known != null && known.isOpen()) {
            return CompletableFuture.completedFuture(known);
        }
        CompletableFuture<PeerLink> dial = dials.get(address);
        boolean usable = dial != null
                && (!dial.isDone() || !dial.isCompletedExceptionally() && dial.join().isOpen());
        if (!usable) {
            dial = transport.dial(address, peerId, handler).toCompletableFuture();
            dials.put(address, dial);
        }
        return dial;
    }

    /** Forgets a failed dial so that the next request dials again. */
    void dialFailed(String address) {
        dials.remove(address);
    }

    /**
     * Registers a link that just opened. Returns the link that lost a duplicate contest, which the
     * caller closes after moving its pending requests to the winner, if there was one.
     */
    Optional<PeerLink> opened(PeerLink link) {
        Optional<String> peerId = link.peerId();
        if (peerId.isEmpty()) {
            return Optional.empty();
        }
        PeerLink existing = byPeer.get(peerId.get());
        if (existing == null || !existing.isOpen() || existing == link) {
            byPeer.put(peerId.get(), link);
            return Optional.empty();
        }
        if (!existing.transportId().equals(link.transportId())) {
            spares.put(peerId.get(), existing);
            byPeer.put(peerId.get(), link);
            return Optional.empty();
        }
        PeerLink winner = dialerId(link).compareTo(dialerId(existing)) <= 0 ? link : existing;
        byPeer.put(peerId.get(), winner);
        return Optional.of(winner == link ? existing : link);
    }

    private String dialerId(PeerLink link) {
        return link.direction() == PeerLink.Direction.OUTBOUND ? selfId : link.peerId().orElse("");
    }

    /** The authenticated link now used for {@code peerId}, if one is open. */
    Optional<PeerLink> linkOf(String peerId) {
        PeerLink link = peerId == null ? null : byPeer.get(peerId);
        return link != null && link.isOpen() ? Optional.of(link) : Optional.empty();
    }

    /** The open link dialed to {@code address}, if there is one. */
    Optional<PeerLink> dialedTo(String address) {
        CompletableFuture<PeerLink> dial = dials.get(address);
        if (dial == null || !dial.isDone() || dial.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(dial.join()).filter(PeerLink::isOpen);
    }

    /**
     * Notes who sent a message that passed the sender check on {@code link}: a peer whose messages say
     * it is a browser has links that do not count as the node's links (see {@link #nodeLinks}).
     */
    void heardFrom(PeerLink link, Contact sender) {
        if (sender.isBrowser()) {
            link.peerId().filter(byPeer::containsKey).ifPresent(browsers::add);
        }
    }

    /** Forgets a closed link. */
    void closed(PeerLink link) {
        link.peerId().ifPresent(id -> {
            spares.remove(id, link);
            if (byPeer.remove(id, link)) {
                PeerLink spare = spares.remove(id);
                if (spare != null && spare.isOpen()) {
                    byPeer.put(id, spare);
                }
            }
            if (!byPeer.containsKey(id)) {
                browsers.remove(id);
            }
        });
        if (link.direction() == PeerLink.Direction.OUTBOUND) {
            CompletableFuture<PeerLink> dial = dials.get(link.remoteAddress());
            if (dial != null && dial.isDone() && !dial.isCompletedExceptionally() && dial.join() == link) {
                dials.remove(link.remoteAddress());
            }
        }
    }

    /** Every open link, for closing at shutdown and for reporting. */
    List<PeerLink> openLinks() {
        List<PeerLink> links = new ArrayList<>(byPeer.values());
        links.addAll(spares.values());
        Set<PeerLink> listed = Collections.newSetFromMap(new IdentityHashMap<>());
        listed.addAll(links);
        for (CompletableFuture<PeerLink> dial : dials.values()) {
            if (dial.isDone() && !dial.isCompletedExceptionally() && listed.add(dial.join())) {
                links.add(dial.join());
            }
        }
        links.removeIf(link -> !link.isOpen());
        return links;
    }

    /**
     * How many links {@link #nodeLinks} lists, counted without listing them: the link balancer counts
     * every second, and after every liveness check.
     */
    int nodeLinkCount() {
        int count = 0;
        for (PeerLink link : byPeer.values()) {
            count += isNodeLink(link) ? 1 : 0;
        }
        for (PeerLink link : spares.values()) {
            count += isNodeLink(link) ? 1 : 0;
        }
        for (CompletableFuture<PeerLink> dial : dials.values()) {
            if (dial.isDone() && !dial.isCompletedExceptionally() && !isByPeer(dial.join())) {
                count += isNodeLink(dial.join()) ? 1 : 0;
            }
        }
        return count;
    }

    private boolean isNodeLink(PeerLink link) {
        return link.isOpen() && link.peerId().filter(browsers::contains).isEmpty();
    }

    /** Whether {@code link} is its peer's link in use or its spare, so listed already. */
    private boolean isByPeer(PeerLink link) {
        return link.peerId().filter(id -> byPeer.get(id) == link || spares.get(id) == link).isPresent();
    }

    /**
     * The open links to nodes: every open link but those of browsers, which are the browsers' own and
     * count neither towards the node's minimum and maximum of links nor against them.
     */
    List<PeerLink> nodeLinks() {
        List<PeerLink> links = openLinks();
        links.removeIf(link -> link.peerId().filter(browsers::contains).isPresent());
        return links;
    }
}
