package io.kadmesh.transport;

import static io.kadmesh.transport.Eventually.await;
import static io.kadmesh.transport.Eventually.failureOf;
import static io.kadmesh.transport.Eventually.valueOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.TransportException;
import io.kadmesh.testing.LinkRecorder;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The node's guard around a transport, against a scripted plugin: retry, breaker, bulkhead, keys.
 * In the app only because SmallRye Fault Tolerance's guards need its runtime.
 */
@QuarkusTest
@Timeout(30)
class GuardedTransportTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String ADDRESS = "ws://127.0.0.1:1/dht";
    private static final String OTHER_ADDRESS = "ws://127.0.0.1:2/dht";
    private static final String PEER = "ab".repeat(20);
    private static final String OTHER_PEER = "cd".repeat(20);

    private final ScriptedTransport plugin = new ScriptedTransport();
    private final LinkRecorder handler = new LinkRecorder();

    private CompletionStage<PeerLink> dial(GuardedTransport guard, String address, String peerId) {
        return guard.dial(address, peerId, handler);
    }

    @ParameterizedTest
    @EnumSource(value = Phase.class, names = { "CONNECT", "DNS" })
    void mustRetryConnectAndDnsFailuresAndReportTheirPhase(Phase phase) {
        GuardedTransport guard = new GuardedTransport(plugin.failing(phase), GuardSettings.QUICK.withRetries(2));

        TransportException failure = failureOf(dial(guard, ADDRESS, null), WAIT);

        assertEquals(3, plugin.attempts(), "one attempt and two retries");
        assertEquals(phase, failure.phase());
        assertEquals("scripted " + phase.name().toLowerCase() + " failure", failure.detail());
    }

    @ParameterizedTest
    @EnumSource(value = Phase.class, names = { "TLS", "UPGRADE", "HANDSHAKE", "SEND" })
    void mustNeverRetryOtherFailures(Phase phase) {
        GuardedTransport guard = new GuardedTransport(plugin.failing(phase), GuardSettings.QUICK.withRetries(2));

        TransportException failure = failureOf(dial(guard, ADDRESS, null), WAIT);

        assertEquals(1, plugin.attempts());
        assertEquals(phase, failure.phase());
    }

    @Test
    void mustTellEachFailedDialOnceWithItsPhaseAfterTheRetries() {
        List<String> told = new CopyOnWriteArrayList<>();
        GuardedTransport guard = new GuardedTransport(plugin.failing(Phase.CONNECT),
                GuardSettings.QUICK.withRetries(2).withBreaker(4, Duration.ofMinutes(1)),
                (transport, phase) -> told.add(transport + " " + phase));

        failureOf(dial(guard, ADDRESS, null), WAIT);
        assertEquals(3, plugin.attempts(), "one attempt and two retries");
        assertEquals(List.of("scripted CONNECT"), told, "one failed dial, told once");

        failureOf(dial(guard, ADDRESS, null), WAIT);
        TransportException refused = failureOf(dial(guard, ADDRESS, null), WAIT);
        assertTrue(refused.detail().startsWith("circuit breaker open"), refused.detail());
        assertEquals(List.of("scripted CONNECT", "scripted CONNECT", "scripted CONNECT"), told,
                "a dial the open breaker refused is a failed dial too");
    }

    @Test
    void mustReportItsTimeoutOnlyWhenTheTransportOverrunsAndNeverRetryIt() {
        GuardedTransport guard = new GuardedTransport(plugin.stalling(),
                GuardSettings.QUICK.withRetries(2).withDialTimeout(Duration.ofMillis(100)));

        TransportException failure = failureOf(dial(guard, ADDRESS, null), WAIT);

        assertEquals(1, plugin.attempts());
        assertEquals(Phase.CONNECT, failure.phase());
        assertTrue(failure.detail().startsWith("no usable link within 100 ms"), failure.detail());
    }

    @Test
    void mustOpenTheBreakerAfterItsVolumeOfFailuresAndHalfOpenAfterItsDelay() {
        Duration delay = Duration.ofMillis(300);
        GuardedTransport guard = new GuardedTransport(plugin.failing(Phase.CONNECT),
                GuardSettings.QUICK.withBreaker(2, delay));
        failureOf(dial(guard, ADDRESS, null), WAIT);
        // Stamped before the failure that opens the breaker: its delay runs from when it recorded that
        // failure, which may be a moment before this thread sees the dial fail.
        long opened = System.nanoTime();
        failureOf(dial(guard, ADDRESS, null), WAIT);

        TransportException refused = failureOf(dial(guard, ADDRESS, null), WAIT);

        assertEquals(2, plugin.attempts(), "an open breaker lets no dial through");
        assertEquals(Phase.CONNECT, refused.phase());
        assertTrue(refused.detail().startsWith("circuit breaker open after 2 failed dials"), refused.detail());

        plugin.opening();
        await("a trial dial after the breaker's delay", WAIT, () -> {
            dial(guard, ADDRESS, null).toCompletableFuture().exceptionally(failure -> null).join();
            return plugin.attempts() == 3;
        });
        assertTrue(System.nanoTime() - opened >= delay.toNanos(), "half-opens only after its delay");
        valueOf(dial(guard, ADDRESS, null), WAIT);
        assertEquals(4, plugin.attempts(), "a successful trial closes the breaker");
    }

    @Test
    void mustKeepTheFailedAttemptsPhaseWhenTheBreakerRefusesItsRetry() {
        GuardedTransport guard = new GuardedTransport(plugin.failing(Phase.CONNECT),
                GuardSettings.QUICK.withRetries(2).withBreaker(2, Duration.ofMinutes(1)));

        TransportException failure = failureOf(dial(guard, ADDRESS, null), WAIT);

        assertEquals(2, plugin.attempts(), "the second failure opens the breaker, which refuses the third");
        assertEquals(Phase.CONNECT, failure.phase());
        assertTrue(failure.detail().startsWith("scripted connect failure (then no retry: circuit breaker open"),
                failure.detail());
    }

    @Test
    void mustBoundConcurrentDialsToOnePeer() {
        GuardedTransport guard = new GuardedTransport(plugin.answering(address -> address.equals(OTHER_ADDRESS)
                ? CompletableFuture.completedFuture(ScriptedTransport.idleLink(address))
                : new CompletableFuture<>()), GuardSettings.QUICK.withDialsPerPeer(1));
        List<CompletionStage<PeerLink>> dials = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            dials.add(dial(guard, ADDRESS, null));
        }

        TransportException rejected = failureOf(dial(guard, ADDRESS, null), WAIT);
        assertTrue(rejected.detail().startsWith("too many dials to this peer at once (limit 1 under way, 4 waiting)"),
                rejected.detail());
        valueOf(dial(guard, OTHER_ADDRESS, null), WAIT);

        for (int i = 1; i <= dials.size(); i++) {
            await("dial " + i + " to be under way", WAIT, () -> plugin.pendingCount() == 1);
            assertEquals(i + 1, plugin.attempts(), "one dial to the peer at a time, and the one to another peer");
            plugin.openPending();
        }
        dials.forEach(dial -> valueOf(dial, WAIT));
    }

    @Test
    void mustKeyTheGuardByPeerIdSoThatANewAddressKeepsTheBreaker() {
        GuardedTransport guard = new GuardedTransport(plugin.failing(Phase.CONNECT),
                GuardSettings.QUICK.withBreaker(2, Duration.ofMinutes(1)));
        failureOf(dial(guard, ADDRESS, PEER), WAIT);
        failureOf(dial(guard, ADDRESS, PEER), WAIT);

        TransportException refused = failureOf(dial(guard, OTHER_ADDRESS, PEER), WAIT);
        assertTrue(refused.detail().startsWith("circuit breaker open"), refused.detail());
        assertEquals(2, plugin.attempts());

        failureOf(dial(guard, OTHER_ADDRESS, null), WAIT);
        failureOf(dial(guard, ADDRESS, OTHER_PEER), WAIT);
        assertEquals(4, plugin.attempts(), "another peer, or an address without a known peer, has its own guard");
    }
}
