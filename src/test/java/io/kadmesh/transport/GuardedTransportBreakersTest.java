package io.kadmesh.transport;

import static io.kadmesh.transport.Eventually.await;
import static io.kadmesh.transport.Eventually.failureOf;
import static io.kadmesh.transport.Eventually.valueOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.testing.QuietLinks;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The circuit breakers the guards list are the breakers' own state, not guessed from refused dials:
 * real WebSocket dials to a closed port on 127.0.0.1 open a peer's breaker, which is listed open, then
 * half-open once its delay has passed though it refused no dial, and is gone once a trial dial to the
 * peer, back at a new address, closes it.
 */
@QuarkusTest
@TestProfile(ShortDeadlinesProfile.class)
@Timeout(30)
class GuardedTransportBreakersTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration DELAY = Duration.ofMillis(400);
    private static final String PEER = "ef".repeat(20);
    private static final String WEBSOCKET = "websocket";

    @Inject
    @Any
    Instance<Transport> plugins;

    private final LinkHandler ignoring = QuietLinks.ignoring();

    /** The onboarding stack over the app's plugins, whose breakers open after two failed dials. */
    private TransportRegistry stack() {
        return new TransportStackFactory(plugins, GuardSettings.QUICK.withBreaker(2, DELAY), Duration.ofSeconds(1))
                .onboardingTransport(TransportErrors.NONE);
    }

    private static List<OpenCircuitBreaker> breakers(TransportRegistry stack) {
        return stack.openBreakers().get(WEBSOCKET);
    }

    @Test
    void mustListABreakerFromItsOpeningUntilItClosesWhetherItRefusedADialOrNot() throws Exception {
        TransportRegistry stack = stack();
        String closed = "ws://127.0.0.1:" + LoopbackServer.closedPort() + "/dht";
        Instant before = Instant.now();
        assertTrue(breakers(stack).isEmpty(), "no breaker opens before a dial");

        await("the peer's breaker to open after failed dials", WAIT, () -> {
            failureOf(stack.dial(closed, PEER, ignoring), WAIT);
            return !breakers(stack).isEmpty();
        });

        OpenCircuitBreaker open = breakers(stack).get(0);
        assertEquals(List.of(new OpenCircuitBreaker(PEER, closed, OpenCircuitBreaker.OPEN, open.since())),
                breakers(stack));
        assertFalse(open.since().isBefore(before), open.since() + " is before the first dial at " + before);

        await("the breaker to half-open after its delay, having refused no dial", WAIT,
                () -> breakers(stack).stream().anyMatch(breaker -> breaker.state().equals(OpenCircuitBreaker.HALF_OPEN)));
        OpenCircuitBreaker halfOpen = breakers(stack).get(0);
        assertEquals(List.of(new OpenCircuitBreaker(PEER, closed, OpenCircuitBreaker.HALF_OPEN, halfOpen.since())),
                breakers(stack), "still listed after the breaker delay, the window of refusals");
        assertFalse(halfOpen.since().isBefore(open.since().plus(DELAY)),
                "half-open " + halfOpen.since() + " before the delay from " + open.since() + " passed");

        try (LoopbackServer back = LoopbackServer.upgrading()) {
            PeerLink link = valueOf(stack.dial(back.url("ws"), PEER, ignoring), WAIT);
            assertEquals(List.of(), breakers(stack), "the successful trial closed the breaker");
            link.close(1000, "done");
        }
    }
}
