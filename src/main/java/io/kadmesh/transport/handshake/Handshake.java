package io.kadmesh.transport.handshake;

import java.util.concurrent.CompletableFuture;

import io.kadmesh.dht.Scheduler;
import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.TransportException;
import io.kadmesh.transport.handshake.HandshakeMessage.Hello;
import io.kadmesh.transport.handshake.HandshakeMessage.HelloAck;

/**
 * The handshake of one inner link, and after it the pass-through of its frames to the outer handler.
 * The inner transport calls it in order for its link; the timeout may fire on the scheduler's thread
 * meanwhile, so the handshake's state is guarded by this object's monitor. Once the link is verified,
 * a frame costs one volatile read on its way to the outer handler.
 */
final class Handshake implements LinkHandler {

    private final LocalNode node;
    private final LinkHandler outer;
    private final String dialedAddress;
    private final CompletableFuture<PeerLink> dial;
    private final Runnable forget;
    private final Runnable settled;
    private final byte[] nonce;
    private final HandshakeProgress progress;
    private PeerLink inner;
    private Scheduler.Timer timer;
    private boolean ended;
    private volatile VerifiedLink verified;

    private Handshake(LocalNode node, LinkHandler outer, String dialedAddress, CompletableFuture<PeerLink> dial,
            Runnable forget, Runnable settled) {
        this.node = node;
        this.outer = outer;
        this.dialedAddress = dialedAddress;
        this.dial = dial;
        this.forget = forget;
        this.settled = settled;
        this.nonce = node.newNonce();
        this.progress = new HandshakeProgress(node.identity(), nonce, dial != null);
    }

    /**
     * The handshake of a link a peer opened; {@code forget} runs when it fails, {@code settled} once
     * when it ends, verified or not.
     */
    static Handshake inbound(LocalNode node, LinkHandler outer, Runnable forget, Runnable settled) {
        return new Handshake(node, outer, null, null, forget, settled);
    }

    /** The handshake of a link to {@code address}, which completes or fails {@code dial}. */
    static Handshake outbound(LocalNode node, LinkHandler outer, String address, CompletableFuture<PeerLink> dial) {
        return new Handshake(node, outer, address, dial, () -> {
        }, () -> {
        });
    }

    /** Starts the handshake: sends this node's hello and starts the clock. */
    @Override
    public void onOpen(PeerLink link) {
        synchronized (this) {
            inner = link;
            timer = node.scheduler().schedule(node.timeout(), this::timedOut);
        }
        link.send(node.helloFrame(nonce));
    }

    /** Passes the frame on once the link is verified; before that, takes it as a handshake frame. */
    @Override
    public void onFrame(PeerLink link, String frame) {
        VerifiedLink ready = verified;
        if (ready != null) {
            outer.onFrame(ready, frame);
        } else {
            handshakeFrame(frame);
        }
    }

    /** Tells the outer handler, if it has the link; otherwise fails the handshake. */
    @Override
    public void onClose(PeerLink link, int code, String reason) {
        VerifiedLink ready = verified;
        if (ready != null) {
            outer.onClose(ready, code, reason);
        } else if (claimEnd()) {
            fail("peer closed the link during the handshake: " + code + " " + reason);
        }
    }

    /** The inner transport could not open the link at all. */
    void dialFailed(Throwable error) {
        if (claimEnd()) {
            dial.completeExceptionally(error);
        }
    }

    /** Whether the outer handler closed the verified link and the inner link is closed. */
    boolean isClosedHere() {
        VerifiedLink ready = verified;
        return ready != null && ready.isClosedHere();
    }

    private void handshakeFrame(String frame) {
        VerifiedLink link;
        try {
            synchronized (this) {
                if (ended) {
                    return;
                }
                link = advance(frame);
                if (link == null) {
                    return;
                }
                end();
                verified = link;
            }
        } catch (HandshakeViolation violation) {
            refuse(violation.getMessage());
            return;
        }
        announce(link);
    }

    /** Takes one handshake frame; returns the verified link once the peer's proof checks out. */
    private VerifiedLink advance(String frame) throws HandshakeViolation {
        HandshakeMessage message = HandshakeFrames.decode(frame);
        String reply = message instanceof Hello hello ? progress.acceptHello(hello)
                : progress.acceptAck((HelloAck) message);
        if (reply != null) {
            inner.send(reply);
        }
        if (message instanceof Hello) {
            return null;
        }
        Hello peer = progress.peer();
        return new VerifiedLink(inner, peer.nodeId(), peer.address());
    }

    private void announce(VerifiedLink link) {
        try {
            outer.onOpen(link);
        } finally {
            if (dial != null) {
                dial.complete(link);
            }
        }
    }

    private void timedOut() {
        refuse(node.timeoutReason());
    }

    private void refuse(String reason) {
        if (claimEnd()) {
            inner.close(CloseCodes.POLICY_VIOLATION, reason);
            fail(reason);
        }
    }

    private void fail(String reason) {
        forget.run();
        if (dial != null) {
            dial.completeExceptionally(new TransportException(node.transportId(), dialedAddress, Phase.HANDSHAKE,
                    reason));
        }
    }

    /** Ends the handshake unless it has ended already; true for the one caller that ends it. */
    private synchronized boolean claimEnd() {
        if (ended) {
            return false;
        }
        end();
        return true;
    }

    private void end() {
        ended = true;
        if (timer != null) {
            timer.cancel();
        }
        settled.run();
    }
}
