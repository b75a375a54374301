package io.kadmesh.transport.handshake;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;

/**
 * The handler the inner transport gives every inbound link to. One handler serves all those links,
 * so it finds each link's {@link Handshake} in a concurrent map (a lock-free read per frame). An entry
 * goes when its link closes, when its handshake fails, or, for a link the outer handler closed itself
 * on a transport that does not report such closes, at the next purge.
 */
final class InboundLinks implements LinkHandler {

    private static final int MIN_PURGE_THRESHOLD = 64;

    private final LocalNode node;
    private final LinkHandler outer;
    private final Map<PeerLink, Handshake> handshakes = new ConcurrentHashMap<>();
    private volatile int purgeThreshold = MIN_PURGE_THRESHOLD;

    InboundLinks(LocalNode node, LinkHandler outer) {
        this.node = node;
        this.outer = outer;
    }

    @Override
    public void onOpen(PeerLink link) {
        if (handshakes.size() >= purgeThreshold) {
            purge();
        }
        Handshake handshake = Handshake.inbound(node, outer, () -> handshakes.remove(link));
        handshakes.put(link, handshake);
        handshake.onOpen(link);
    }

    @Override
    public void onFrame(PeerLink link, String frame) {
        Handshake handshake = handshakes.get(link);
        if (handshake != null) {
            handshake.onFrame(link, frame);
        }
    }

    @Override
    public void onClose(PeerLink link, int code, String reason) {
        Handshake handshake = handshakes.remove(link);
        if (handshake != null) {
            handshake.onClose(link, code, reason);
        }
    }

    /** Forgets every link, as when the transport closes. */
    void clear() {
        handshakes.clear();
    }

    private void purge() {
        handshakes.values().removeIf(Handshake::isClosedHere);
        purgeThreshold = Math.max(MIN_PURGE_THRESHOLD, handshakes.size() * 2);
    }
}
