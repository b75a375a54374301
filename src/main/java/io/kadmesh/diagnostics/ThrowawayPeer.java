package io.kadmesh.diagnostics;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

import io.kadmesh.dht.Contact;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.spi.transport.Failures;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.spi.transport.TransportException;
import io.kadmesh.spi.transport.Utf8;
import io.kadmesh.transport.handshake.HandshakeTransport;

/**
 * A throwaway identity's verified link to a node, made by the node's own handshake code. It
 * introduces itself at a browser's address, {@code browser:<id>}, which nobody dials and a node
 * forgets as soon as the link closes. It counts the UTF-8 bytes of the DHT frames it sends and
 * receives after the handshake, as the node counts them per link; signaling and relay frames, which
 * the node handles beside the DHT, are not among them.
 */
final class ThrowawayPeer implements LinkHandler, AutoCloseable {

    private static final String CLOSED = "\u0000closed";
    private static final String SIGNAL = "{\"type\":\"signal";

    private final NodeIdentity identity;
    private final Contact self;
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private volatile PeerLink link;
    private volatile String closeReason;
    private volatile long dhtBytesSent;
    private volatile long dhtBytesReceived;
    private volatile Consumer<String> signals;

    /** The handshake failed: the node's words for it, and how many frames the far side had sent. */
    static final class HelloFailed extends Exception {
        private static final long serialVersionUID = 1L;
        private final int framesReceived;

        HelloFailed(String detail, int framesReceived) {
            super(detail, null, false, false);
            this.framesReceived = framesReceived;
        }

        int framesReceived() {
            return framesReceived;
        }
    }

    /** A fresh throwaway identity, not linked yet. */
    ThrowawayPeer() {
        this(NodeIdentity.generate());
    }

    private ThrowawayPeer(NodeIdentity identity) {
        this.identity = identity;
        this.self = Contact.browser(identity.id());
    }

    /** The link closed while a frame was awaited. */
    static final class Closed extends Exception {
        private static final long serialVersionUID = 1L;

        Closed(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Runs the hello over {@code socket} to {@code endpoint}, within {@code waitMillis}, its timeouts on
     * {@code timers}; the peer is verified once it returns.
     */
    ThrowawayPeer hello(Endpoint endpoint, ProbeSocket socket, ProbeLink.Timers timers, int waitMillis)
            throws HelloFailed {
        ProbeLink probe = new ProbeLink(socket, endpoint.toString());
        return hello(probe.transport(), endpoint.toString(), timers, waitMillis, probe::framesReceived);
    }

    /**
     * A second link of this identity to the node, over {@code transport} to {@code address} (such as a
     * DataChannel to the node itself), made by the same handshake within {@code waitMillis}.
     */
    ThrowawayPeer alsoOver(Transport transport, String address, ProbeLink.Timers timers, int waitMillis)
            throws HelloFailed {
        return new ThrowawayPeer(identity).hello(transport, address, timers, waitMillis, () -> 0);
    }

    private ThrowawayPeer hello(Transport inner, String address, ProbeLink.Timers timers, int waitMillis,
            IntSupplier framesReceived) throws HelloFailed {
        HandshakeTransport handshake = new HandshakeTransport(inner, identity, self.address(), timers,
                Duration.ofMillis(waitMillis), new SecureRandom());
        try {
            link = handshake.dial(address, this).toCompletableFuture().get(waitMillis + 1000L, TimeUnit.MILLISECONDS);
            return this;
        } catch (ExecutionException e) {
            Throwable cause = Failures.cause(e.getCause());
            throw new HelloFailed(cause instanceof TransportException transport ? transport.detail() : String.valueOf(cause),
                    framesReceived.getAsInt());
        } catch (TimeoutException e) {
            throw new HelloFailed("the handshake did not end within " + (waitMillis + 1000) + " ms",
                    framesReceived.getAsInt());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HelloFailed("interrupted", framesReceived.getAsInt());
        }
    }

    /** This identity as a contact: at its browser address. */
    Contact self() {
        return self;
    }

    /** The id the node proved in the handshake. */
    String nodeId() {
        return link.peerId().orElse("unknown");
    }

    /** Sends {@code frame}, counting it if it is a DHT frame. */
    void send(String frame) {
        if (isDht(frame)) {
            dhtBytesSent += Utf8.length(frame);
        }
        link.send(frame);
    }

    /** The first frame that {@code wanted} accepts, skipping others; null when none came within {@code waitMillis}. */
    String await(Predicate<String> wanted, int waitMillis) throws Closed {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        try {
            while (true) {
                String frame = frames.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (frame == null) {
                    return null;
                }
                if (frame.equals(CLOSED)) {
                    throw new Closed(closeReason);
                }
                if (wanted.test(frame)) {
                    return frame;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Bytes of the DHT frames sent since the handshake. */
    long dhtBytesSent() {
        return dhtBytesSent;
    }

    /** Bytes of the DHT frames received since the handshake. */
    long dhtBytesReceived() {
        return dhtBytesReceived;
    }

    @Override
    public void onOpen(PeerLink opened) {
        // The handshake is done.
    }

    /** Hands every signaling frame from now on to {@code listener}, on the link's thread, instead of queueing it. */
    void onSignals(Consumer<String> listener) {
        signals = listener;
    }

    @Override
    public void onFrame(PeerLink from, String frame) {
        if (isDht(frame)) {
            dhtBytesReceived += Utf8.length(frame);
        }
        Consumer<String> listener = signals;
        if (listener != null && frame.startsWith(SIGNAL)) {
            listener.accept(frame);
        } else {
            frames.add(frame);
        }
    }

    @Override
    public void onClose(PeerLink closed, int code, String reason) {
        closeReason = code + " " + reason;
        frames.add(CLOSED);
    }

    @Override
    public void close() {
        PeerLink open = link;
        if (open != null) {
            open.close(1000, "diagnosis done");
        }
    }

    private static boolean isDht(String frame) {
        return !frame.startsWith("{\"type\":\"relay") && !frame.startsWith(SIGNAL);
    }
}
