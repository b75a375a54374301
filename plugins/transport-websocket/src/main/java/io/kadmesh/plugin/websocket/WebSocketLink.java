package io.kadmesh.plugin.websocket;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.TransportException;
import io.kadmesh.spi.transport.Utf8;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.Connection;

/**
 * One WebSocket connection, inbound or outbound, as a {@link PeerLink}. There is exactly one per
 * connection, created when it opens. The connection's event loop calls {@link #opened()},
 * {@link #deliver(String)} and {@link #closed(int, String)}, so the handler's calls for this link
 * never overlap and keep their order.
 * <p>
 * Frames written but not yet taken by the socket are counted, in UTF-8 bytes; a send that would take
 * them beyond the link's limit closes the link with 1008 instead, so a peer that never reads cannot
 * grow this node's heap.
 */
final class WebSocketLink implements PeerLink {

    private static final Logger LOG = Logger.getLogger(WebSocketLink.class);

    private final Connection connection;
    private final String remoteAddress;
    private final Direction direction;
    private final LinkHandler handler;
    private final LinkRegistry registry;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong pendingBytes = new AtomicLong();

    WebSocketLink(Connection connection, String remoteAddress, Direction direction, LinkHandler handler,
            LinkRegistry registry) {
        this.connection = Objects.requireNonNull(connection, "connection must be set");
        this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress must be set");
        this.direction = Objects.requireNonNull(direction, "direction must be set");
        this.handler = Objects.requireNonNull(handler, "handler must be set");
        this.registry = Objects.requireNonNull(registry, "registry must be set");
    }

    /** Always {@value WebSocketTransport#ID}. */
    @Override
    public String transportId() {
        return WebSocketTransport.ID;
    }

    /** The dialed URL for outbound links; {@code ws://<host>:<port>} of the remote socket for inbound ones. */
    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    /** Outbound if this node dialed, inbound if it accepted. */
    @Override
    public Direction direction() {
        return direction;
    }

    /**
     * Writes {@code frame} as one text message; safe from any thread. The stage completes once the
     * frame is written to the socket, and fails with phase {@link Phase#SEND} when the link is closed
     * or the write fails. A frame that would take the bytes waiting for the socket beyond
     * {@link LinkRegistry#maxPendingWriteBytes()} is not sent: the link closes with 1008 (the peer does
     * not read) and the stage fails.
     */
    @Override
    public CompletionStage<Void> send(String frame) {
        Objects.requireNonNull(frame, "frame must be set");
        if (!isOpen()) {
            return CompletableFuture.failedStage(sendFailure("the link is closed", null));
        }
        long bytes = Utf8.length(frame);
        long pending = pendingBytes.addAndGet(bytes);
        if (pending > registry.maxPendingWriteBytes()) {
            pendingBytes.addAndGet(-bytes);
            String reason = "peer does not read: " + (pending - bytes) + " bytes pending, limit "
                    + registry.maxPendingWriteBytes();
            closeAtOnce(CloseCodes.POLICY_VIOLATION, reason);
            return CompletableFuture.failedStage(sendFailure(reason, null));
        }
        CompletableFuture<Void> sent = new CompletableFuture<>();
        connection.sendText(frame).subscribe().with(
                ignored -> {
                    pendingBytes.addAndGet(-bytes);
                    sent.complete(null);
                },
                failure -> {
                    pendingBytes.addAndGet(-bytes);
                    sent.completeExceptionally(sendFailure("the write failed: " + failure, failure));
                });
        return sent;
    }

    /** Bytes of frames handed to the connection and not yet written to its socket. */
    long pendingWriteBytes() {
        return pendingBytes.get();
    }

    /** Whether the connection is open and its close has not been reported. */
    @Override
    public boolean isOpen() {
        return !closed.get() && connection.isOpen();
    }

    /**
     * Starts the closing handshake with {@code code} and {@code reason}. Both handlers, this side's
     * included, then get {@code onClose}: this side's with {@code code} and {@code reason} once the
     * close frame is on its way, even if the peer never answers it.
     */
    @Override
    public void close(int code, String reason) {
        Objects.requireNonNull(reason, "reason must be set");
        if (connection.isClosed()) {
            closed(code, reason);
            return;
        }
        connection.close(new CloseReason(code, reason)).subscribe().with(
                ignored -> closed(code, reason),
                failure -> {
                    LOG.debugf(failure, "closing WebSocket connection %s failed", connection.id());
                    closed(code, reason);
                });
    }

    /** Direction, transport and peer, for logs. */
    @Override
    public String toString() {
        return direction + " " + WebSocketTransport.ID + " link to " + remoteAddress + (isOpen() ? "" : " (closed)");
    }

    /** The id of the underlying connection, unique among open connections. */
    String id() {
        return connection.id();
    }

    /** Tells the handler the link is open. */
    void opened() {
        call("onOpen", () -> handler.onOpen(this));
    }

    /** Hands a text frame to the handler, unless the close was already reported. */
    void deliver(String frame) {
        if (!closed.get()) {
            call("onFrame", () -> handler.onFrame(this, frame));
        }
    }

    /** Forgets the link and reports its close to the handler, once. */
    void closed(int code, String reason) {
        if (closed.compareAndSet(false, true)) {
            registry.remove(id());
            call("onClose", () -> handler.onClose(this, code, reason == null ? "" : reason));
        }
    }

    /** Closes {@code connection}, unless already closed, without waiting; a failure to close is only logged. */
    static void closeConnection(Connection connection, int code, String reason) {
        if (connection.isClosed()) {
            return;
        }
        connection.close(new CloseReason(code, reason)).subscribe().with(
                ignored -> {
                },
                failure -> LOG.debugf(failure, "closing WebSocket connection %s failed", connection.id()));
    }

    /**
     * Reports the close at once, without waiting for the close frame, which queues behind the unread
     * replies; the server drops the connection after its WebSocket closing timeout.
     */
    private void closeAtOnce(int code, String reason) {
        LOG.debugf("closing %s: %s", this, reason);
        closed(code, reason);
        closeConnection(connection, code, reason);
    }

    private TransportException sendFailure(String detail, Throwable cause) {
        return new TransportException(WebSocketTransport.ID, remoteAddress, Phase.SEND, detail, cause);
    }

    /** Runs a handler call; a handler that throws is logged and the link stays as it was. */
    private void call(String callback, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "link handler %s failed on %s", callback, this);
        }
    }
}
