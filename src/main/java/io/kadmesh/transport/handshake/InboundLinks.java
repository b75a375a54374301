package io.kadmesh.transport.handshake;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;

/**
 * The handler the inner transport gives every inbound link to. One handler serves all those links,
 * so it finds each link's {@link Handshake} in a concurrent map (a lock-free read per frame). An entry
 * goes when its link closes, when its handshake fails, or, for a link the outer handler closed itself
 * on a transport that does not report such closes, at the next purge. It admits new links only
 * within its {@link InboundLimits}.
 */
final class InboundLinks implements LinkHandler {

    private static final int MIN_PURGE_THRESHOLD = 64;

    private final LocalNode node;
    private final LinkHandler outer;
    private final InboundLimits limits;
    private final Admission admission;
    private final Runnable refused;
    private final Map<PeerLink, Handshake> handshakes = new ConcurrentHashMap<>();
    private volatile int purgeThreshold = MIN_PURGE_THRESHOLD;

    /** Hands {@code outer} the links that pass; {@code refused} runs for each refused or failed one. */
    InboundLinks(LocalNode node, LinkHandler outer, InboundLimits limits, Runnable refused) {
        this.node = node;
        this.outer = outer;
        this.limits = limits;
        this.admission = new Admission(limits);
        this.refused = refused;
    }

    /**
     * Starts the handshake of a new link, or closes it at once with 1013 when it would exceed the
     * {@link InboundLimits}.
     */
    @Override
    public void onOpen(PeerLink link) {
        String source = SourceHost.of(link.remoteAddress());
        String refusal = admission.admit(source, openLinks());
        if (refusal != null) {
            link.close(CloseCodes.TRY_AGAIN_LATER, refusal);
            refused.run();
            return;
        }
        Handshake handshake = Handshake.inbound(node, outer, () -> {
            handshakes.remove(link);
            refused.run();
        }, () -> admission.settled(source));
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

    /** Inbound handshakes in progress. */
    int handshakesInProgress() {
        return admission.inProgress();
    }

    /** Inbound links open, after forgetting those the outer handler closed when near a limit. */
    private int openLinks() {
        if (handshakes.size() >= Math.min(purgeThreshold, limits.maxLinks())) {
            purge();
        }
        return handshakes.size();
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
