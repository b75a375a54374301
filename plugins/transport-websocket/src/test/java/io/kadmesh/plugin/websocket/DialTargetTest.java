package io.kadmesh.plugin.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.Test;

/** Splitting dialed URLs, and the addresses inbound links report. */
class DialTargetTest {

    @Test
    void theBaseUriHoldsNoPath() {
        DialTarget target = DialTarget.parse("ws://127.0.0.1:8080/dht", "/dht");
        assertEquals(URI.create("ws://127.0.0.1:8080"), target.baseUri());
        assertEquals("/dht", target.path());
        assertEquals("ws://127.0.0.1:8080/dht", target.address());
    }

    @Test
    void aMissingPathOrPortGetsTheDefault() {
        DialTarget target = DialTarget.parse("wss://peer.example", "/mesh");
        assertEquals(URI.create("wss://peer.example:443"), target.baseUri());
        assertEquals("/mesh", target.path());
        assertTrue(target.secure());
        assertEquals(80, DialTarget.parse("ws://peer.example/", "/dht").port());
    }

    @Test
    void theQueryStaysWithTheBaseUri() {
        DialTarget target = DialTarget.parse("ws://127.0.0.1:1/x?token=a%20b", "/dht");
        assertEquals("ws://127.0.0.1:1?token=a%20b", target.baseUri().toString());
        assertEquals("/x", target.path());
    }

    @Test
    void onlyWebSocketUrlsAreSupported() {
        assertTrue(DialTarget.isWebSocketUrl("WS://h:1/dht"));
        assertTrue(DialTarget.isWebSocketUrl("wss://h/dht"));
        assertFalse(DialTarget.isWebSocketUrl("http://h/dht"));
        assertFalse(DialTarget.isWebSocketUrl("webrtc:abc"));
        assertThrows(IllegalArgumentException.class, () -> DialTarget.parse("http://h/dht", "/dht"));
        assertThrows(IllegalArgumentException.class, () -> DialTarget.parse("ws://", "/dht"));
        assertThrows(IllegalArgumentException.class, () -> DialTarget.parse("ws://h /dht", "/dht"));
        assertThrows(IllegalArgumentException.class, () -> DialTarget.parse("ws://h/dht", "dht"));
    }

    @Test
    void inboundAddressesAreWebSocketUrlsOfTheRemoteSocket() {
        assertEquals("ws://127.0.0.1:50312", InboundAddress.of("127.0.0.1:50312"));
        assertEquals("ws://[0:0:0:0:0:0:0:1]:50312", InboundAddress.of("0:0:0:0:0:0:0:1:50312"));
    }
}
