package io.kadmesh.plugin.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.TransportException;
import io.kadmesh.spi.transport.TransportStatus;

/**
 * The WebRTC transport's status and refusals, without a network: switched off by default; with the
 * native library (which needs {@code libpulse0}, as {@code .ci/run} installs), available; never a dialer.
 * DataChannels themselves are shown with real Chromium in {@code DataChannelBrowserIT}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WebRtcTransportTest {

    @Test
    void isOffUnlessSwitchedOnAndSaysWhichKeySwitchesIt() {
        TransportStatus status = new WebRtcTransport(config(false)).status();

        assertFalse(status.available());
        assertTrue(status.off(), "off by configuration, not failed");
        assertTrue(status.reason().contains("kadmesh.transport.webrtc.enabled"), status.reason());
    }

    @Test
    void loadsTheNativeLibraryWhenSwitchedOn() {
        WebRtcTransport transport = new WebRtcTransport(config(true));
        try {
            assertEquals(TransportStatus.AVAILABLE, transport.status());
        } finally {
            transport.close();
        }
    }

    @Test
    void neverDialsNamingWhoOpensDataChannels() {
        WebRtcTransport transport = new WebRtcTransport(config(false));
        assertFalse(transport.supports("ws://127.0.0.1:1/dht"));
        CompletionException failed = assertThrows(CompletionException.class,
                () -> transport.dial("webrtc:peer", null).toCompletableFuture().join());
        TransportException cause = assertInstanceOf(TransportException.class, failed.getCause());
        assertEquals(Phase.CONNECT, cause.phase());
        assertTrue(cause.getMessage().contains("browsers open DataChannels"), cause.getMessage());
    }

    private static WebRtcTransportConfig config(boolean enabled) {
        return new WebRtcTransportConfig() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public int maxSessions() {
                return 4;
            }
        };
    }
}
