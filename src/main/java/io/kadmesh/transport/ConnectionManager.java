package io.kadmesh.transport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.TransportException;

/**
 * How the node reaches one kind of peer: a name operators see in errors and diagnostics, and the
 * guarded transport it dials through. Every failure it reports names the manager, the transport, the
 * peer, the phase and the cause.
 *
 * @param name e.g. {@code websocket-connection-manager}
 * @param transport the guarded transport
 */
public record ConnectionManager(String name, GuardedTransport transport) {

    /** Dials {@code address}, naming this manager in any failure. */
    public CompletionStage<PeerLink> dial(String address, LinkHandler handler) {
        return transport.dial(address, handler).handle((link, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(link);
            }
            Throwable cause = Failures.cause(failure);
            return CompletableFuture.<PeerLink> failedFuture(cause instanceof TransportException e
                    ? new TransportException(e.transportId(), e.peer(), e.phase(),
                            e.detail() + " [" + name + "]", e)
                    : cause);
        }).thenCompose(stage -> stage);
    }
}
