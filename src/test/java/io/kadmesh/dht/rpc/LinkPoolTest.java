package io.kadmesh.dht.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Transport;
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

    @Test
    void countsTheNodeLinksItListsWithoutListingThem() {
        String node = "c0ffee0000000000000000000000000000000003";
        LinkPool dialing = new LinkPool("a11ce00000000000000000000000000000000001", new DialsIdleLinks(), null);
        PeerLink plain = dialing.linkTo("mem://1", null).join();
        PeerLink authenticated = dialing.linkTo("ws://node", node).join();
        dialing.opened(authenticated);
        dialing.opened(IdleLink.inbound("webrtc", "webrtc:" + node, node));
        PeerLink browser = IdleLink.inbound("websocket", "127.0.0.1", BROWSER);
        dialing.opened(browser);
        dialing.heardFrom(browser, Contact.browser(NodeId.fromHex(BROWSER)));

        assertEquals(3, dialing.nodeLinks().size(), "the plain dial, the node's dial and its spare; no browser");
        assertEquals(dialing.nodeLinks().size(), dialing.nodeLinkCount());
        dialing.closed(plain);
        assertEquals(2, dialing.nodeLinkCount());
        assertEquals(dialing.nodeLinks().size(), dialing.nodeLinkCount());
    }

    /** Dials succeed at once, with an outbound link authenticated as the peer expected, if one is. */
    private static final class DialsIdleLinks implements Transport {

        @Override
        public String id() {
            return "websocket";
        }

        @Override
        public boolean supports(String address) {
            return true;
        }

        @Override
        public void listen(LinkHandler handler) {
        }

        @Override
        public CompletionStage<PeerLink> dial(String address, LinkHandler handler) {
            return dial(address, null, handler);
        }

        @Override
        public CompletionStage<PeerLink> dial(String address, String expectedPeerId, LinkHandler handler) {
            return CompletableFuture.completedFuture(new IdleLink(id(), address, Optional.ofNullable(expectedPeerId)));
        }

        @Override
        public void close() {
        }
    }
}
