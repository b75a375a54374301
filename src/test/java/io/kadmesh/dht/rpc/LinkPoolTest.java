package io.kadmesh.dht.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.testing.IdleLink;

/**
 * One link per peer and transport: a second link over the same transport is a duplicate, one over
 * another transport (a browser's DataChannel beside its WebSocket) is a second path that stays.
 */
class LinkPoolTest {

    private static final String BROWSER = "b0b0000000000000000000000000000000000002";

    private final LinkPool pool = new LinkPool("a11ce00000000000000000000000000000000001", null, null);

    @Test
    void aLinkOverAnotherTransportIsKeptBesideTheFirstAndTakesOverRequests() {
        PeerLink webSocket = IdleLink.inbound("websocket", "127.0.0.1", BROWSER);
        PeerLink dataChannel = IdleLink.inbound("webrtc", "webrtc:" + BROWSER, BROWSER);

        assertEquals(Optional.empty(), pool.opened(webSocket));
        assertEquals(Optional.empty(), pool.opened(dataChannel), "no duplicate contest across transports");

        assertEquals(Optional.of(dataChannel), pool.linkOf(BROWSER), "the newer path carries this node's requests");
        assertEquals(Set.of(webSocket, dataChannel), Set.copyOf(pool.openLinks()));
        pool.closed(dataChannel);
        assertEquals(Optional.of(webSocket), pool.linkOf(BROWSER), "the other path takes over when it closes");
        assertEquals(Set.of(webSocket), Set.copyOf(pool.openLinks()));
    }

    @Test
    void aSecondLinkOverTheSameTransportIsStillADuplicateAndTheNewerWinsWhenTheSameSideDialedBoth() {
        PeerLink old = IdleLink.inbound("websocket", "127.0.0.1", BROWSER);
        PeerLink fresh = IdleLink.inbound("websocket", "127.0.0.2", BROWSER);
        pool.opened(old);

        assertEquals(Optional.of(old), pool.opened(fresh), "the peer gave the old link up: it loses");
        assertEquals(Optional.of(fresh), pool.linkOf(BROWSER));
    }
}
