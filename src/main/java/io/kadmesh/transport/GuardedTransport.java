package io.kadmesh.transport;

import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.util.TypeLiteral;

import io.kadmesh.config.NodeConfig;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.spi.transport.TransportException;
import io.smallrye.faulttolerance.api.TypedGuard;

/**
 * A transport plugin behind the node's own guards (annotations on SPI interfaces do nothing in
 * Quarkus, so the core applies them). Each peer gets its own guard: a timeout on the dial, retries
 * with exponential backoff and jitter for connect and DNS failures only (never for protocol
 * failures), a circuit breaker, so that a dead peer is not dialed over and over, and a bulkhead that
 * bounds concurrent dials, so that no storm of sockets reaches one peer.
 */
public final class GuardedTransport implements Transport {

    private static final int MAX_GUARDED_PEERS = 4096;
    private static final TypeLiteral<CompletionStage<PeerLink>> DIAL = new TypeLiteral<>() {
    };

    private final Transport plugin;
    private final NodeConfig.Guard config;
    private final Map<String, TypedGuard<CompletionStage<PeerLink>>> guards = Collections
            .synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, TypedGuard<CompletionStage<PeerLink>>> eldest) {
                    return size() > MAX_GUARDED_PEERS;
                }
            });

    public GuardedTransport(Transport plugin, NodeConfig.Guard config) {
        this.plugin = plugin;
        this.config = config;
    }

    @Override
    public CompletionStage<PeerLink> dial(String address, LinkHandler handler) {
        TypedGuard<CompletionStage<PeerLink>> guard = guards.computeIfAbsent(address, this::newGuard);
        CompletionStage<PeerLink> dial;
        try {
            dial = guard.get(() -> plugin.dial(address, handler));
        } catch (RuntimeException e) {
            dial = CompletableFuture.failedFuture(e);
        }
        return dial.handle((link, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(link);
            }
            return CompletableFuture.<PeerLink> failedFuture(explain(address, Failures.cause(failure)));
        }).thenCompose(stage -> stage);
    }

    private TypedGuard<CompletionStage<PeerLink>> newGuard(String address) {
        return TypedGuard.create(DIAL)
                .withDescription("transport." + plugin.id() + ".dial")
                .withTimeout().duration(config.dialTimeout().toMillis(), ChronoUnit.MILLIS).done()
                .withRetry().maxRetries(config.dialRetries())
                .delay(config.dialBackoff().toMillis(), ChronoUnit.MILLIS)
                .jitter(config.dialBackoff().toMillis() / 2, ChronoUnit.MILLIS)
                .whenException(GuardedTransport::isWorthRetrying)
                .withExponentialBackoff().maxDelay(config.dialTimeout().toMillis(), ChronoUnit.MILLIS).done()
                .done()
                .withCircuitBreaker().requestVolumeThreshold(config.breakerVolume()).failureRatio(1.0)
                .delay(config.breakerDelay().toMillis(), ChronoUnit.MILLIS).done()
                .withBulkhead().limit(config.dialsPerPeer()).queueSize(config.dialsPerPeer() * 4).done()
                .build();
    }

    /** Connect and DNS failures may pass; upgrade, TLS and handshake failures will not. */
    static boolean isWorthRetrying(Throwable failure) {
        Throwable cause = Failures.cause(failure);
        return cause instanceof TransportException e && (e.phase() == Phase.CONNECT || e.phase() == Phase.DNS);
    }

    /** Keeps the plugin's own errors; turns the guards' refusals into errors that say what happened. */
    private TransportException explain(String address, Throwable failure) {
        if (failure instanceof TransportException e) {
            return e;
        }
        String detail = switch (failure.getClass().getSimpleName()) {
            case "CircuitBreakerOpenException" -> "circuit breaker open after " + config.breakerVolume()
                    + " failed dials; next attempt allowed after " + config.breakerDelay().toMillis() + " ms";
            case "BulkheadException" -> "too many dials to this peer at once (limit " + config.dialsPerPeer() + ")";
            case "TimeoutException" -> "no connection within " + config.dialTimeout().toMillis() + " ms";
            default -> failure.toString();
        };
        return new TransportException(plugin.id(), address, Phase.CONNECT, detail, failure);
    }

    @Override
    public String id() {
        return plugin.id();
    }

    @Override
    public boolean supports(String address) {
        return plugin.supports(address);
    }

    @Override
    public io.kadmesh.spi.transport.TransportStatus status() {
        return plugin.status();
    }

    @Override
    public void listen(LinkHandler handler) {
        plugin.listen(handler);
    }

    @Override
    public void close() {
        plugin.close();
    }
}
