package io.kadmesh.plugin.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.TransportException;
import io.kadmesh.spi.transport.TransportStatus;

/**
 * The WebRTC transport's status and refusals, without a network: switched off by default; with the
 * native library (which needs {@code libpulse0}, as {@code .ci/run} installs), available; the dials it
 * refuses, and why. DataChannels themselves need a network namespace: {@code WebRtcTransportNetnsIT}
 * (the transport contract) and, with real Chromium, {@code DataChannelBrowserIT}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WebRtcTransportTest {

    @Test
    void isOffUnlessSwitchedOnAndSaysWhichKeySwitchesIt() {
        TransportStatus status = new WebRtcTransport(config(false, 4)).status();

        assertFalse(status.available());
        assertTrue(status.off(), "off by configuration, not failed");
        assertTrue(status.reason().contains("kadmesh.transport.webrtc.enabled"), status.reason());
    }

    @Test
    void loadsTheNativeLibraryWhenSwitchedOn() {
        WebRtcTransport transport = new WebRtcTransport(config(true, 4));
        try {
            assertEquals(TransportStatus.AVAILABLE, transport.status());
        } finally {
            transport.close();
        }
    }

    @Test
    void dialsOnlyWebRtcAddressesOfPeerIds() {
        WebRtcTransport transport = new WebRtcTransport(config(false, 4));
        assertFalse(transport.supports("ws://127.0.0.1:1/dht"));
        assertFalse(transport.supports("webrtc:peer"));
        assertTrue(transport.supports("webrtc:" + "ab".repeat(20)));
        assertEquals(Phase.CONNECT, dialFailure(transport, "webrtc:peer").phase());
        assertTrue(dialFailure(transport, "webrtc:peer").getMessage().contains("webrtc:<40 hex digits>"));
    }

    @Test
    void aDialWhileSwitchedOffSaysWhy() {
        TransportException failure = dialFailure(new WebRtcTransport(config(false, 4)), "webrtc:" + "ab".repeat(20));

        assertEquals(Phase.CONNECT, failure.phase());
        assertTrue(failure.getMessage().contains("kadmesh.transport.webrtc.enabled is false"), failure.getMessage());
    }

    @Test
    void aDialWithNoWayToSignalSaysSo() {
        WebRtcTransport transport = new WebRtcTransport(config(true, 4));
        try {
            TransportException failure = dialFailure(transport, "webrtc:" + "ab".repeat(20));
            assertTrue(failure.getMessage().contains("no way to signal"), failure.getMessage());
        } finally {
            transport.close();
        }
    }

    private static TransportException dialFailure(WebRtcTransport transport, String address) {
        CompletionException failed = assertThrows(CompletionException.class,
                () -> transport.dial(address, null).toCompletableFuture().join());
        return assertInstanceOf(TransportException.class, failed.getCause());
    }

    private static WebRtcTransportConfig config(boolean enabled, int maxSessions) {
        return config(enabled, maxSessions, Duration.ofSeconds(5));
    }

    /** Settings with WebRTC {@code enabled} or not, at most {@code maxSessions} sessions, and {@code openTimeout}. */
    static WebRtcTransportConfig config(boolean enabled, int maxSessions, Duration openTimeout) {
        return new WebRtcTransportConfig() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public int maxSessions() {
                return maxSessions;
            }

            @Override
            public Duration openTimeout() {
                return openTimeout;
            }
        };
    }
}
