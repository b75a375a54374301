package io.kadmesh.plugin.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.Signaled.SignalSender;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.spi.transport.TransportContract;
import io.kadmesh.spi.transport.TransportException;
import io.kadmesh.spi.transport.TransportStatus;
import io.kadmesh.transport.Eventually;

/**
 * The WebRTC transport passes the transport contract: two transports, each with its own libwebrtc,
 * open real DataChannels to each other, their signals carried in order by a thread of this test as a
 * node's links carry them; and its own bounds: the most sessions at once, and the open timeout. libwebrtc skips loopback, so
 * this runs inside the private network
 * namespace with its veth pair (failsafe's {@code netns} execution; see
 * {@code integration-tests/netns/bin/java}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebRtcTransportNetnsIT extends TransportContract {

    private static final String LISTENER_ID = "1111111111111111111111111111111111111111";
    private static final String DIALER_ID = "2222222222222222222222222222222222222222";
    private static final String LATE_ID = "4444444444444444444444444444444444444444";
    private static final Duration BOUND = Duration.ofSeconds(15);
    private static final int MAX_SESSIONS = 4;
    private static final Duration OPEN = Duration.ofSeconds(5);
    private static final Duration SHORT_OPEN = Duration.ofSeconds(1);

    /** Carries every signal, one at a time, off libwebrtc's threads, as a link to the peer would. */
    private final ExecutorService signaling = Executors.newSingleThreadExecutor();
    private final WebRtcTransport listener = started();
    private final WebRtcTransport dialer = started();

    WebRtcTransportNetnsIT() {
        listener.signalThrough(towards(DIALER_ID, dialer, LISTENER_ID));
        dialer.signalThrough(towards(LISTENER_ID, listener, DIALER_ID));
    }

    private static WebRtcTransport started() {
        WebRtcTransport transport = new WebRtcTransport(WebRtcTransportTest.config(true, MAX_SESSIONS, OPEN));
        assertEquals(TransportStatus.AVAILABLE, transport.status(), "libwebrtc should load here");
        return transport;
    }

    /** A sender that reaches {@code peerId} only, handing its signals to {@code peer} as from {@code self}. */
    private SignalSender towards(String peerId, WebRtcTransport peer, String self) {
        return (to, session, signal) -> {
            if (!to.equals(peerId)) {
                return false;
            }
            signaling.execute(() -> peer.signal(self, session, signal));
            return true;
        };
    }

    @Test
    void dialsBeyondMaxSessionsAreRefusedNamingTheSettingUntilOneCloses() {
        List<PeerLink> links = new ArrayList<>();
        for (int i = 0; i < MAX_SESSIONS; i++) {
            links.add(dial());
        }

        TransportException refused = failure(dialer.dial(listeningAddress(), dialerSide));
        assertEquals(Phase.CONNECT, refused.phase());
        assertTrue(refused.getMessage().contains("kadmesh.transport.webrtc.max-sessions"), refused.getMessage());

        links.get(0).close(CloseCodes.NORMAL_CLOSURE, "making room");
        await("the session to end", () -> dialer.sessionCount() < MAX_SESSIONS);
        assertTrue(dial().isOpen(), "a dial should open once a session has ended");
    }

    @Test
    void aPeerWithNoRoomRefusesTheOfferAtOnceSayingWhy() {
        for (int i = 0; i < MAX_SESSIONS; i++) {
            dial();
        }
        WebRtcTransport late = started();
        try {
            late.signalThrough(towards(LISTENER_ID, listener, LATE_ID));
            listener.signalThrough((to, session, signal) -> to.equals(LATE_ID)
                    ? towards(LATE_ID, late, LISTENER_ID).send(to, session, signal)
                    : towards(DIALER_ID, dialer, LISTENER_ID).send(to, session, signal));
            long started = System.nanoTime();

            TransportException refused = failure(late.dial(listeningAddress(), dialerSide));

            assertTrue(refused.getMessage().contains("the peer refused the DataChannel: " + MAX_SESSIONS
                    + " DataChannel sessions are open"), refused.getMessage());
            assertTrue(System.nanoTime() - started < OPEN.toNanos(), "refused before the open timeout");
        } finally {
            late.close();
        }
    }

    @Test
    void aPeerThatNeverAnswersFailsTheDialAfterTheOpenTimeout() {
        WebRtcTransport unanswered = new WebRtcTransport(WebRtcTransportTest.config(true, MAX_SESSIONS, SHORT_OPEN));
        try {
            unanswered.status();
            unanswered.signalThrough((to, session, signal) -> true);
            long started = System.nanoTime();

            TransportException failure = failure(unanswered.dial(listeningAddress(), dialerSide));

            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(Phase.CONNECT, failure.phase());
            assertTrue(failure.getMessage().contains("no DataChannel within " + SHORT_OPEN.toMillis() + " ms"),
                    failure.getMessage());
            assertTrue(tookMillis >= SHORT_OPEN.toMillis(), "failed after " + tookMillis + " ms");
            await("the session to end", () -> unanswered.sessionCount() == 0);
        } finally {
            unanswered.close();
        }
    }

    @AfterEach
    void stopSignaling() {
        signaling.shutdownNow();
    }

    @Override
    protected Transport listener() {
        return listener;
    }

    @Override
    protected Transport dialer() {
        return dialer;
    }

    @Override
    protected String listeningAddress() {
        return "webrtc:" + LISTENER_ID;
    }

    @Override
    protected String missingAddress() {
        return "webrtc:" + "3".repeat(40);
    }

    @Override
    protected void await(String what, BooleanSupplier condition) {
        Eventually.await(what, BOUND, condition);
    }
}
