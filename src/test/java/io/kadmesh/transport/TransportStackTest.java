package io.kadmesh.transport;

import static io.kadmesh.transport.Eventually.failureOf;
import static io.kadmesh.transport.Eventually.valueOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.spi.transport.TransportException;
import io.kadmesh.testing.LinkRecorder;
import io.quarkus.test.junit.QuarkusTest;

/**
 * How the stack is assembled: which plugins it takes, the deadlines it refuses, and how the registry
 * picks a transport per peer and falls back to the next. In the app only because the guards need
 * SmallRye Fault Tolerance's runtime.
 */
@QuarkusTest
@Timeout(30)
class TransportStackTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration HANDSHAKE = Duration.ofSeconds(2);

    private final LinkRecorder handler = new LinkRecorder();

    @Test
    void mustRefuseDeadlinesThatDoNotFitWithinTheDialTimeout() {
        ScriptedTransport slow = new ScriptedTransport("ws://", Duration.ofSeconds(3));
        TransportStackFactory factory = new TransportStackFactory(List.of(slow),
                GuardSettings.QUICK.withDialTimeout(Duration.ofSeconds(5)), HANDSHAKE);

        IllegalStateException refused;
        try (ThreadScheduler scheduler = new ThreadScheduler()) {
            refused = assertThrows(IllegalStateException.class, () -> factory.peerTransport(NodeIdentity.generate(),
                    "ws://127.0.0.1:1/dht", scheduler, new SecureRandom(), TransportErrors.NONE));
        }

        assertEquals("kadmesh.guard.dial-timeout (5000 ms) must be longer than the scripted transport's own dial"
                + " deadline (3000 ms, from kadmesh.transport.scripted.*) plus kadmesh.identity.handshake-timeout"
                + " (2000 ms), which it covers; otherwise a stalled phase would be reported as the guard's timeout."
                + " Raise the dial timeout or lower the others", refused.getMessage());
        factory.onboardingTransport(TransportErrors.NONE);
    }

    @Test
    void mustAcceptDeadlinesThatFit() {
        ScriptedTransport slow = new ScriptedTransport("ws://", Duration.ofSeconds(3));
        TransportStackFactory factory = new TransportStackFactory(List.of(slow),
                GuardSettings.QUICK.withDialTimeout(Duration.ofMillis(5001)), HANDSHAKE);

        try (ThreadScheduler scheduler = new ThreadScheduler()) {
            assertTrue(factory.peerTransport(NodeIdentity.generate(), "ws://127.0.0.1:1/dht", scheduler,
                    new SecureRandom(), TransportErrors.NONE).supports("ws://127.0.0.1:2/dht"));
        }
    }

    @Test
    void mustLeaveOutAnUnavailablePlugin() {
        ScriptedTransport broken = new ScriptedTransport("webrtc:", Duration.ZERO).unavailable("native library missing");
        TransportStackFactory factory = new TransportStackFactory(List.of(broken, new ScriptedTransport()),
                GuardSettings.QUICK, HANDSHAKE);

        Transport onboarding = factory.onboardingTransport(TransportErrors.NONE);

        assertFalse(onboarding.supports("webrtc:peer"));
        assertTrue(onboarding.supports("ws://127.0.0.1:1/bootstrap"));
    }

    @Test
    void mustFailAnAddressNoTransportSupportsNamingTheAvailableOnes() {
        TransportRegistry registry = new TransportRegistry(
                List.of(new GuardedTransport(new ScriptedTransport(), GuardSettings.QUICK)));

        TransportException failure = failureOf(registry.dial("mem://1", handler), WAIT);

        assertEquals(Phase.CONNECT, failure.phase());
        assertEquals("no transport here supports this address; available: [scripted]", failure.detail());
    }

    @Test
    void mustFallBackToTheNextTransportThatSupportsTheAddress() {
        ScriptedTransport first = new ScriptedTransport().failing(Phase.UPGRADE);
        ScriptedTransport second = new ScriptedTransport().opening();
        ScriptedTransport elsewhere = new ScriptedTransport("mem://", Duration.ZERO).opening();
        TransportRegistry registry = new TransportRegistry(List.of(guarded(elsewhere), guarded(first),
                guarded(second)));

        PeerLink link = valueOf(registry.dial("ws://127.0.0.1:1/dht", handler), WAIT);

        assertEquals("ws://127.0.0.1:1/dht", link.remoteAddress());
        assertEquals(List.of(0, 1, 1), List.of(elsewhere.attempts(), first.attempts(), second.attempts()));
    }

    @Test
    void mustReportTheLastFailureWithTheEarlierOnesSuppressed() {
        TransportRegistry registry = new TransportRegistry(List.of(
                guarded(new ScriptedTransport().failing(Phase.UPGRADE)),
                guarded(new ScriptedTransport().failing(Phase.TLS))));

        TransportException failure = failureOf(registry.dial("ws://127.0.0.1:1/dht", handler), WAIT);

        assertEquals(Phase.TLS, failure.phase());
        assertEquals(Phase.UPGRADE, ((TransportException) failure.getSuppressed()[0]).phase());
    }

    private static GuardedTransport guarded(Transport plugin) {
        return new GuardedTransport(plugin, GuardSettings.QUICK);
    }
}
