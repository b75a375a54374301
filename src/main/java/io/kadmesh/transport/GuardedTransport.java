package io.kadmesh.transport;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.util.TypeLiteral;

import io.kadmesh.config.NodeConfig;
import io.kadmesh.spi.transport.Failures;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.spi.transport.TransportException;
import io.kadmesh.spi.transport.TransportStatus;
import io.smallrye.faulttolerance.api.TypedGuard;

/**
 * A transport behind the node's guards (annotations on SPI interfaces do nothing in Quarkus, so the
 * node applies them). Each peer gets its own guard, keyed by the peer's node id when the caller
 * knows it and by the address otherwise, so that a peer dialed at a new address keeps its breaker:
 * <ul>
 * <li>a timeout on each attempt, {@code kadmesh.guard.dial-timeout}, the one dial deadline: it covers
 * the whole way to a usable link, the handshake included, and the inner transport's own phase
 * deadlines fit within it (see {@link TransportStackFactory}), so it fires only if a transport
 * overruns them;</li>
 * <li>retries with exponential backoff and jitter after connect and DNS failures only, never after
 * TLS, upgrade, handshake or send failures, which a second attempt would not mend;</li>
 * <li>a circuit breaker, so that a dead peer is not dialed over and over; each tells its state as it
 * changes, and {@link #openBreakers} lists those that are not closed;</li>
 * <li>a bulkhead that bounds concurrent dials, so that no storm of sockets reaches one peer.</li>
 * </ul>
 * Every failure is a {@link TransportException} naming the phase that failed: the inner transport's
 * own, even when a retry was then refused by the breaker, or the guard's refusal as phase
 * {@link Phase#CONNECT}. Each failed dial is told to the {@link TransportErrors} once, with that phase.
 * The guards of the {@value #MAX_GUARDED_PEERS} peers dialed last are kept, each with its breaker's
 * state; an older one is dropped, and the peer's next dial starts a closed breaker.
 */
public final class GuardedTransport implements Transport {

    /** How a dial refused by the peer's open circuit breaker begins its detail. */
    public static final String BREAKER_OPEN = "circuit breaker open";

    private static final int MAX_GUARDED_PEERS = 4096;
    private static final TypeLiteral<CompletionStage<PeerLink>> DIAL = new TypeLiteral<>() {
    };

    private final Transport inner;
    private final NodeConfig.Guard config;
    private final TransportErrors errors;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, PeerGuard> guards = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PeerGuard> eldest) {
            return size() > MAX_GUARDED_PEERS;
        }
    });

    /** One peer's guard and the watch its circuit breaker tells its state to. */
    private record PeerGuard(TypedGuard<CompletionStage<PeerLink>> guard, BreakerWatch breaker) {
    }

    /** Guards {@code inner}, a plugin or a plugin behind the handshake, as {@code config} says. */
    public GuardedTransport(Transport inner, NodeConfig.Guard config) {
        this(inner, config, TransportErrors.NONE);
    }

    /** Guards {@code inner} as {@code config} says; {@code errors} hears each dial that failed. */
    public GuardedTransport(Transport inner, NodeConfig.Guard config, TransportErrors errors) {
        this.inner = inner;
        this.config = config;
        this.errors = errors;
    }

    @Override
    public CompletionStage<PeerLink> dial(String address, LinkHandler handler) {
        return dial(address, null, handler);
    }

    /** Dials through the guard of {@code expectedPeerId}, or of {@code address} when the id is null. */
    @Override
    public CompletionStage<PeerLink> dial(String address, String expectedPeerId, LinkHandler handler) {
        PeerGuard peer = guards.computeIfAbsent(expectedPeerId == null ? address : expectedPeerId,
                key -> newGuard());
        peer.breaker().dialing(address);
        AtomicReference<TransportException> lastFailure = new AtomicReference<>();
        CompletionStage<PeerLink> dial;
        try {
            dial = peer.guard().get(() -> attempt(address, expectedPeerId, handler, lastFailure));
        } catch (RuntimeException e) {
            dial = CompletableFuture.failedFuture(e);
        }
        return dial.handle((link, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(link);
            }
            TransportException explained = explain(address, Failures.cause(failure), lastFailure.get());
            errors.failed(explained);
            return CompletableFuture.<PeerLink> failedFuture(explained);
        }).thenCompose(stage -> stage);
    }

    /** One attempt, remembering its failure so that a refused retry cannot hide it. */
    private CompletionStage<PeerLink> attempt(String address, String expectedPeerId, LinkHandler handler,
            AtomicReference<TransportException> lastFailure) {
        return inner.dial(address, expectedPeerId, handler).whenComplete((link, failure) -> {
            if (failure != null && Failures.cause(failure) instanceof TransportException e) {
                lastFailure.set(e);
            }
        });
    }

    /**
     * The circuit breakers of this transport that are not closed, one per peer, as each last reported
     * its state: open, or half-open and waiting for the dial that tries the peer again.
     */
    public List<OpenCircuitBreaker> openBreakers() {
        List<OpenCircuitBreaker> open = new ArrayList<>();
        guards.forEach((peer, guard) -> guard.breaker().open(peer).ifPresent(open::add));
        return open;
    }

    private PeerGuard newGuard() {
        BreakerWatch breaker = new BreakerWatch(clock);
        return new PeerGuard(newGuard(breaker), breaker);
    }

    private TypedGuard<CompletionStage<PeerLink>> newGuard(BreakerWatch breaker) {
        long timeout = config.dialTimeout().toMillis();
        long backoff = config.dialBackoff().toMillis();
        return TypedGuard.create(DIAL)
                .withDescription("transport." + inner.id() + ".dial")
                .withTimeout().duration(timeout, ChronoUnit.MILLIS).done()
                .withRetry().maxRetries(config.dialRetries())
                .delay(backoff, ChronoUnit.MILLIS)
                .jitter(backoff / 2, ChronoUnit.MILLIS)
                .whenException(GuardedTransport::isWorthRetrying)
                .withExponentialBackoff().maxDelay(Math.max(timeout, backoff), ChronoUnit.MILLIS).done()
                .done()
                .withCircuitBreaker().requestVolumeThreshold(config.breakerVolume()).failureRatio(1.0)
                .delay(config.breakerDelay().toMillis(), ChronoUnit.MILLIS).onStateChange(breaker::changed).done()
                .withBulkhead().limit(config.dialsPerPeer()).queueSize(config.dialsPerPeer() * 4).done()
                .build();
    }

    /** Connect and DNS failures may pass; TLS, upgrade, handshake and send failures will not. */
    static boolean isWorthRetrying(Throwable failure) {
        Throwable cause = Failures.cause(failure);
        return cause instanceof TransportException e && (e.phase() == Phase.CONNECT || e.phase() == Phase.DNS);
    }

    /**
     * Keeps the inner transport's own errors; turns the guard's refusals into errors that say what
     * happened, and a refusal after a failed attempt into that attempt's error with the refusal noted.
     */
    private TransportException explain(String address, Throwable failure, TransportException lastFailure) {
        if (failure instanceof TransportException e) {
            return e;
        }
        String refusal = refusal(failure);
        if (lastFailure != null) {
            return new TransportException(lastFailure.transportId(), lastFailure.peer(), lastFailure.phase(),
                    lastFailure.detail() + " (then no retry: " + refusal + ")", lastFailure);
        }
        return new TransportException(inner.id(), address, Phase.CONNECT, refusal, failure);
    }

    private String refusal(Throwable failure) {
        return switch (failure.getClass().getSimpleName()) {
            case "CircuitBreakerOpenException" -> BREAKER_OPEN + " after " + config.breakerVolume()
                    + " failed dials to this peer; next attempt allowed " + millis(config.breakerDelay())
                    + " after the last";
            case "BulkheadException" -> "too many dials to this peer at once (limit " + config.dialsPerPeer()
                    + " under way, " + config.dialsPerPeer() * 4 + " waiting)";
            case "TimeoutException" -> "no usable link within " + millis(config.dialTimeout())
                    + " (kadmesh.guard.dial-timeout), and the transport did not end the dial itself";
            default -> failure.toString();
        };
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    @Override
    public String id() {
        return inner.id();
    }

    @Override
    public boolean supports(String address) {
        return inner.supports(address);
    }

    @Override
    public TransportStatus status() {
        return inner.status();
    }

    @Override
    public void listen(LinkHandler handler) {
        inner.listen(handler);
    }

    @Override
    public void close() {
        inner.close();
    }
}
