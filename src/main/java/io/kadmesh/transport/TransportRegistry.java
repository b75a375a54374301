package io.kadmesh.transport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.kadmesh.spi.transport.Failures;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.spi.transport.TransportException;

/**
 * Every guarded transport of the node as the one transport the DHT core and the bootstrap client
 * talk through. A dial goes to the transports that support the peer's address, in the order given:
 * the first is tried, and when it fails, the next, so a later transport can stand in for an earlier
 * one (a relay for WebRTC). Today WebSocket is the only one, for every {@code ws://} and
 * {@code wss://} peer. Listening and closing cover every transport.
 */
public final class TransportRegistry implements Transport {

    /** The id in the error of an address no transport here supports. */
    static final String NONE = "none";

    private final List<GuardedTransport> transports;

    /** The registry of {@code transports}, in order of preference. */
    public TransportRegistry(List<GuardedTransport> transports) {
        this.transports = List.copyOf(transports);
    }

    /** {@code registry}: the registry is no transport of its own; its links name theirs. */
    @Override
    public String id() {
        return "registry";
    }

    /** Whether any transport here can dial {@code address}. */
    @Override
    public boolean supports(String address) {
        return transports.stream().anyMatch(transport -> transport.supports(address));
    }

    /** Starts every transport listening, all with {@code handler}. */
    @Override
    public void listen(LinkHandler handler) {
        transports.forEach(transport -> transport.listen(handler));
    }

    @Override
    public CompletionStage<PeerLink> dial(String address, LinkHandler handler) {
        return dial(address, null, handler);
    }

    /**
     * Dials {@code address} on the first transport that supports it, then on the next ones in turn
     * while each fails. The stage fails with the last transport's error, the earlier ones suppressed
     * in it, or with phase {@link Phase#CONNECT} when no transport here supports the address.
     */
    @Override
    public CompletionStage<PeerLink> dial(String address, String expectedPeerId, LinkHandler handler) {
        List<GuardedTransport> candidates = transports.stream().filter(transport -> transport.supports(address))
                .toList();
        if (candidates.isEmpty()) {
            return CompletableFuture.failedFuture(new TransportException(NONE, address, Phase.CONNECT,
                    "no transport here supports this address; available: "
                            + transports.stream().map(Transport::id).toList()));
        }
        return dialFrom(candidates, 0, address, expectedPeerId, handler, null);
    }

    private CompletionStage<PeerLink> dialFrom(List<GuardedTransport> candidates, int index, String address,
            String expectedPeerId, LinkHandler handler, Throwable earlier) {
        return candidates.get(index).dial(address, expectedPeerId, handler)
                .<CompletionStage<PeerLink>> handle((link, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(link);
                    }
                    Throwable cause = Failures.cause(failure);
                    if (earlier != null) {
                        cause.addSuppressed(earlier);
                    }
                    if (index + 1 == candidates.size()) {
                        return CompletableFuture.<PeerLink> failedFuture(cause);
                    }
                    return dialFrom(candidates, index + 1, address, expectedPeerId, handler, cause);
                }).thenCompose(stage -> stage);
    }

    /**
     * The circuit breakers that are not closed, by the id of their transport, every transport here
     * named in order, as {@link GuardedTransport#openBreakers} lists them.
     */
    public Map<String, List<OpenCircuitBreaker>> openBreakers() {
        Map<String, List<OpenCircuitBreaker>> open = new LinkedHashMap<>();
        transports.forEach(transport -> open.put(transport.id(), transport.openBreakers()));
        return open;
    }

    /** Closes every transport, and with them every link. */
    @Override
    public void close() {
        transports.forEach(Transport::close);
    }
}
