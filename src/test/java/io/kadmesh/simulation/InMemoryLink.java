package io.kadmesh.simulation;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.TransportException;

/**
 * One end of a link on an {@link InMemoryNetwork}; the other end belongs to the peer. Frames and the
 * close travel to the peer's end with the network's delay, never overtaking what this end sent
 * before. A link whose node crashed is cut off: it still looks open, but nothing crosses it any more,
 * as with a peer that lost power.
 */
final class InMemoryLink implements PeerLink {

    /** What a successful send returns; a minimal stage, so sharing it is safe. */
    private static final CompletionStage<Void> SENT = CompletableFuture.completedStage(null);

    private final InMemoryTransport owner;
    private final String remoteAddress;
    private final Direction direction;
    private final LinkHandler handler;
    private InMemoryLink peer;
    private boolean open = true;
    private boolean cutOff;
    /** When the last frame or close sent from this end reaches the peer. */
    private long lastArrivalNanos;

    InMemoryLink(InMemoryTransport owner, String remoteAddress, Direction direction, LinkHandler handler) {
        this.owner = owner;
        this.remoteAddress = remoteAddress;
        this.direction = direction;
        this.handler = handler;
    }

    void pairWith(InMemoryLink other) {
        peer = other;
        other.peer = this;
    }

    /** Always {@value InMemoryTransport#ID}. */
    @Override
    public String transportId() {
        return InMemoryTransport.ID;
    }

    /** The peer's address: the dialed one on the outbound end, the dialer's on the inbound end. */
    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    /** Outbound on the dialer's end, inbound on the listener's. */
    @Override
    public Direction direction() {
        return direction;
    }

    /**
     * Puts {@code frame} on its way to the peer. The stage is already complete, as the network has
     * taken the frame, even if it is lost later; it fails with phase {@link Phase#SEND} when this end
     * is closed.
     */
    @Override
    public CompletionStage<Void> send(String frame) {
        Objects.requireNonNull(frame, "frame must be set");
        if (!open) {
            return CompletableFuture.failedStage(new TransportException(InMemoryTransport.ID, remoteAddress,
                    Phase.SEND, "link closed"));
        }
        InMemoryNetwork network = owner.network();
        network.frameSent(owner.address(), frame);
        if (cutOff || network.loses()) {
            network.frameDropped();
        } else {
            network.time().enqueue(nextArrival(), new FrameDelivery(peer, frame));
        }
        return SENT;
    }

    /** Whether this end is open; a cut-off link still counts as open, as its node cannot tell. */
    @Override
    public boolean isOpen() {
        return open;
    }

    /**
     * Closes this end now. Its own handler learns of it at once, as a WebSocket's does once its close
     * frame is on its way (the transport contract: a link's handler hears of every close, by either
     * side); the peer's handler, with the same code and reason, after a delay.
     */
    @Override
    public void close(int code, String reason) {
        Objects.requireNonNull(reason, "reason must be set");
        if (!open) {
            return;
        }
        open = false;
        SimulatedTime time = owner.network().time();
        time.enqueue(time.nowNanos(), new ClosedHere(this, code, reason));
        if (!cutOff) {
            time.enqueue(nextArrival(), new CloseNotice(peer, code, reason));
        }
    }

    /** Direction, transport and peer, for logs. */
    @Override
    public String toString() {
        return direction + " " + InMemoryTransport.ID + " link to " + remoteAddress + (open ? "" : " (closed)");
    }

    /** Cuts the link at both ends, without telling either. */
    void cutOff() {
        cutOff = true;
        peer.cutOff = true;
    }

    /** Whether this end can never carry anything again. */
    boolean isFinished() {
        return !open || cutOff;
    }

    private long nextArrival() {
        long arrival = Math.max(owner.network().arrivalNanos(), lastArrivalNanos);
        lastArrivalNanos = arrival;
        return arrival;
    }

    private void receive(String frame) {
        InMemoryNetwork network = owner.network();
        if (!open || cutOff) {
            network.frameDropped();
            return;
        }
        network.frameDelivered();
        handler.onFrame(this, frame);
    }

    private void closedByPeer(int code, String reason) {
        if (!open || cutOff) {
            return;
        }
        open = false;
        handler.onClose(this, code, reason);
    }

    /** A frame in flight to {@code to}. */
    private record FrameDelivery(InMemoryLink to, String frame) implements Runnable {

        @Override
        public void run() {
            to.receive(frame);
        }
    }

    /** The close of {@code link} by its own node, told to its own handler. */
    private record ClosedHere(InMemoryLink link, int code, String reason) implements Runnable {

        @Override
        public void run() {
            link.handler.onClose(link, code, reason);
        }
    }

    /** A close in flight to {@code to}. */
    private record CloseNotice(InMemoryLink to, int code, String reason) implements Runnable {

        @Override
        public void run() {
            to.closedByPeer(code, reason);
        }
    }
}
