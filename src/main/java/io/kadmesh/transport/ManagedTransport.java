package io.kadmesh.transport;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.spi.transport.TransportException;

/**
 * Every connection manager as one transport, which is what the DHT core talks through: dials go to
 * the manager chosen for the address; listening covers every manager's transport.
 */
public final class ManagedTransport implements Transport {

    private final ConnectionManagerFactory factory;

    public ManagedTransport(ConnectionManagerFactory factory) {
        this.factory = factory;
    }

    @Override
    public String id() {
        return "managed";
    }

    @Override
    public boolean supports(String address) {
        return factory.managerFor(address).isPresent();
    }

    @Override
    public void listen(LinkHandler handler) {
        factory.managers().forEach(manager -> manager.transport().listen(handler));
    }

    @Override
    public CompletionStage<PeerLink> dial(String address, LinkHandler handler) {
        return factory.managerFor(address).map(manager -> manager.dial(address, handler))
                .orElseGet(() -> CompletableFuture.failedFuture(new TransportException("none", address, Phase.CONNECT,
                        "no transport here supports this address; available: " + names())));
    }

    private List<String> names() {
        return factory.managers().stream().map(manager -> manager.transport().id()).toList();
    }

    @Override
    public void close() {
        factory.managers().forEach(manager -> manager.transport().close());
    }
}
