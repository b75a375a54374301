package io.kadmesh.simulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.spi.transport.TransportException;

/**
 * One node's endpoint on an {@link InMemoryNetwork}. Dials complete after one network delay, when
 * both ends open at the same virtual instant: the listener's handler and the dialer's handler each
 * get {@code onOpen} for their end, then the dial's stage completes with the outbound end.
 *
 * <p>
 * Unlike the transports of a live node, this one is not thread-safe: it must be used from the thread
 * that runs the simulation, as everything in a simulation is.
 */
public final class InMemoryTransport implements Transport {

    /** The id of this transport, as it appears in errors. */
    public static final String ID = "in-memory";

    /** The close code sent to peers when a transport closes, as WebSocket's "going away". */

    private static final int MIN_PURGE_THRESHOLD = 16;

    private final InMemoryNetwork network;
    private final String address;
    private final List<InMemoryLink> links = new ArrayList<>();
    private int purgeThreshold = MIN_PURGE_THRESHOLD;
    private LinkHandler listener;
    private boolean up = true;
    private boolean closed;

    InMemoryTransport(InMemoryNetwork network, String address) {
        this.network = network;
        this.address = address;
    }

    /** The address other nodes dial to reach this one. */
    public String address() {
        return address;
    }

    /** Always {@value #ID}. */
    @Override
    public String id() {
        return ID;
    }

    /** Whether {@code address} is on an in-memory network. */
    @Override
    public boolean supports(String address) {
        return address != null && address.startsWith(InMemoryNetwork.SCHEME);
    }

    /** Accepts inbound links from now on; dials that arrive before this are refused. */
    @Override
    public void listen(LinkHandler handler) {
        Objects.requireNonNull(handler, "handler must be set");
        if (closed) {
            throw new IllegalStateException("transport " + address + " is closed");
        }
        if (listener != null) {
            throw new IllegalStateException("transport " + address + " is already listening");
        }
        listener = handler;
    }

    /**
     * Opens a link to {@code address} after one network delay. Fails with phase
     * {@link Phase#CONNECT} when nothing listens there, that node has crashed, or this one has; never
     * completes when the address is a {@linkplain InMemoryNetwork#blackHole black hole}.
     */
    @Override
    public CompletionStage<PeerLink> dial(String address, LinkHandler handler) {
        Objects.requireNonNull(address, "address must be set");
        Objects.requireNonNull(handler, "handler must be set");
        CompletableFuture<PeerLink> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(connectFailure(address, "transport closed"));
        } else if (!supports(address)) {
            result.completeExceptionally(connectFailure(address, "not an in-memory address"));
        } else if (!network.isBlackHole(address)) {
            network.time().enqueue(network.arrivalNanos(), new DialAttempt(this, address, handler, result));
        }
        return result;
    }

    /** Closes every link, its peers learning of it with code 1001 "going away", and stops listening. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        listener = null;
        for (InMemoryLink link : links) {
            link.close(CloseCodes.GOING_AWAY, "going away");
        }
        links.clear();
    }

    boolean isClosed() {
        return closed;
    }

    boolean isUp() {
        return up;
    }

    InMemoryNetwork network() {
        return network;
    }

    /** Finishes a dial that reached its target; called when the delay has passed. */
    void completeDial(String target, LinkHandler handler, CompletableFuture<PeerLink> result) {
        InMemoryTransport remote = network.endpoint(target);
        if (closed || !up) {
            result.completeExceptionally(connectFailure(target, "network unreachable"));
        } else if (remote == null || remote.closed || !remote.up || remote.listener == null) {
            result.completeExceptionally(connectFailure(target, "connection refused"));
        } else {
            InMemoryLink outbound = new InMemoryLink(this, target, PeerLink.Direction.OUTBOUND, handler);
            InMemoryLink inbound = new InMemoryLink(remote, address, PeerLink.Direction.INBOUND, remote.listener);
            outbound.pairWith(inbound);
            track(outbound);
            remote.track(inbound);
            remote.listener.onOpen(inbound);
            handler.onOpen(outbound);
            result.complete(outbound);
        }
    }

    /** The node crashed: every link it has goes dead on both ends, silently. */
    void crash() {
        up = false;
        for (InMemoryLink link : links) {
            link.cutOff();
        }
        links.clear();
    }

    void restart() {
        up = true;
    }

    private void track(InMemoryLink link) {
        if (links.size() >= purgeThreshold) {
            links.removeIf(InMemoryLink::isFinished);
            purgeThreshold = Math.max(MIN_PURGE_THRESHOLD, links.size() * 2);
        }
        links.add(link);
    }

    private static TransportException connectFailure(String peer, String detail) {
        return new TransportException(ID, peer, Phase.CONNECT, detail);
    }

    /** A dial on its way through the network. */
    private record DialAttempt(InMemoryTransport dialer, String target, LinkHandler handler,
            CompletableFuture<PeerLink> result) implements Runnable {

        @Override
        public void run() {
            dialer.completeDial(target, handler, result);
        }
    }
}
