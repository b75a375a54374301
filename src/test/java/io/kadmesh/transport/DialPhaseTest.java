package io.kadmesh.transport;

import static io.kadmesh.transport.Eventually.await;
import static io.kadmesh.transport.Eventually.failureOf;
import static io.kadmesh.transport.Eventually.valueOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.spi.transport.TransportException;
import io.kadmesh.testing.QuietLinks;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every phase of a dial fails as itself through the node's assembled transport stack, built by the
 * same factory the node uses, against real misbehaving servers on 127.0.0.1; and a link whose peer
 * vanishes is reported closed. DNS is not provoked,
 * as that would ask a resolver: its classification is tested in {@code DialFailuresTest} and its
 * retry in {@link GuardedTransportTest}.
 */
@QuarkusTest
@TestProfile(ShortDeadlinesProfile.class)
@Timeout(30)
class DialPhaseTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    TransportStackFactory factory;

    @TestHTTPResource("/")
    URL app;

    private final ThreadScheduler scheduler = new ThreadScheduler();
    private Transport listening;

    @AfterEach
    void stop() {
        if (listening != null) {
            listening.close();
        }
        scheduler.close();
    }

    private Transport stack() {
        return factory.peerTransport(NodeIdentity.generate(), "ws://127.0.0.1:1/dht", scheduler, new SecureRandom(),
                TransportErrors.NONE);
    }

    private TransportException dialFailure(String address) {
        return failureOf(stack().dial(address, QuietLinks.ignoring()), WAIT);
    }

    @Test
    void aRefusedPortFailsToConnect() throws Exception {
        TransportException failure = dialFailure("ws://127.0.0.1:" + LoopbackServer.closedPort() + "/dht");

        assertEquals(Phase.CONNECT, failure.phase());
        assertTrue(failure.detail().startsWith("connection refused"), failure.detail());
    }

    @Test
    void aSilentListenerFailsTheUpgradeNotTheConnect() throws Exception {
        try (LoopbackServer silent = LoopbackServer.silent()) {
            TransportException failure = dialFailure(silent.url("ws"));

            assertEquals(Phase.UPGRADE, failure.phase(), failure.getMessage());
            assertTrue(failure.detail().startsWith("no answer to the WebSocket upgrade within "
                    + 3 * ShortDeadlinesProfile.CONNECT_TIMEOUT_MS / 1000 + " s"), failure.detail());
        }
    }

    @Test
    void aPageFailsTheUpgradeWithItsStatusAndBody() throws Exception {
        try (LoopbackServer page = LoopbackServer.page("<html><body>status page</body></html>")) {
            TransportException failure = dialFailure(page.url("ws"));

            assertEquals(Phase.UPGRADE, failure.phase(), failure.getMessage());
            assertTrue(failure.detail().startsWith("HTTP 200 instead of 101 Switching Protocols, body \"<html><body>"
                    + "status page</body></html>\"; likely cause: this path serves a web page (text/html), not a WebSocket"
                    + " endpoint"),
                    failure.detail());
        }
    }

    @Test
    void aPlainPortDialedWithTlsFailsInTls() {
        TransportException failure = dialFailure("wss://127.0.0.1:" + app.getPort() + "/dht");

        assertEquals(Phase.TLS, failure.phase(), failure.getMessage());
        assertTrue(failure.detail().contains("answered in plain HTTP"), failure.detail());
    }

    @Test
    void aPeerThatUpgradesAndNeverSpeaksFailsTheHandshake() throws Exception {
        try (LoopbackServer mute = LoopbackServer.upgrading()) {
            TransportException failure = dialFailure(mute.url("ws"));

            assertEquals(Phase.HANDSHAKE, failure.phase(), failure.getMessage());
            assertEquals("handshake timed out after " + ShortDeadlinesProfile.HANDSHAKE_TIMEOUT_MS + " ms",
                    failure.detail());
        }
    }

    @Test
    void aBadHelloFailsTheHandshake() throws Exception {
        try (LoopbackServer liar = LoopbackServer.upgrading("{\"type\":\"hello\",\"protocolVersion\":2,"
                + "\"nodeId\":\"not hex\"}")) {
            TransportException failure = dialFailure(liar.url("ws"));

            assertEquals(Phase.HANDSHAKE, failure.phase(), failure.getMessage());
            assertEquals("hello field 'nodeId' must be 40 hex digits", failure.detail());
        }
    }

    @Test
    void aSendOnAClosedLinkFailsToSend() {
        listening = stack();
        listening.listen(QuietLinks.ignoring());
        PeerLink link = valueOf(stack().dial("ws://127.0.0.1:" + app.getPort() + "/dht", QuietLinks.ignoring()), WAIT);
        link.close(CloseCodes.NORMAL_CLOSURE, "done");
        await("the link to close", WAIT, () -> !link.isOpen());

        TransportException failure = failureOf(link.send("{\"type\":\"ping\"}"), WAIT);

        assertEquals(Phase.SEND, failure.phase());
        assertEquals("the link is closed", failure.detail());
    }

    @Test
    void aLinkWhosePeerVanishesWithoutACloseFrameIsReportedClosed() throws Exception {
        AtomicReference<String> closed = new AtomicReference<>();
        LinkHandler closes = QuietLinks.closing((code, reason) -> closed.set(code + " " + reason));
        LoopbackServer vanishing = LoopbackServer.upgrading();
        PeerLink link = valueOf(factory.onboardingTransport(TransportErrors.NONE).dial(vanishing.url("ws"), closes), WAIT);

        vanishing.close();

        await("the lost link's close to be reported", WAIT, () -> closed.get() != null);
        assertEquals(1006 + " connection lost without a close frame", closed.get());
        assertTrue(!link.isOpen());
    }
}
