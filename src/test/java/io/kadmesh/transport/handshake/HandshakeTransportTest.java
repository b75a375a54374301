package io.kadmesh.transport.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.simulation.InMemoryNetwork;
import io.kadmesh.simulation.SimulatedTime;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.TransportException;
import io.kadmesh.spi.transport.TransportStatus;
import io.kadmesh.testing.LinkRecorder;

class HandshakeTransportTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration LONG_ENOUGH = Duration.ofMinutes(1);

    private final SimulatedTime time = new SimulatedTime();
    private final InMemoryNetwork network = new InMemoryNetwork(time, new SplittableRandom(7));
    private final NodeIdentity aliceIdentity = NodeIdentity.generate();
    private final NodeIdentity bobIdentity = NodeIdentity.generate();
    private final HandshakeTransport alice = node("mem://1", aliceIdentity);
    private final HandshakeTransport bob = node("mem://2", bobIdentity);
    private final LinkRecorder aliceSide = new LinkRecorder();
    private final LinkRecorder bobSide = new LinkRecorder();

    HandshakeTransportTest() {
        alice.listen(aliceSide);
        bob.listen(bobSide);
    }

    @Test
    void dialCompletesOnlyOnceTheHandshakeHasVerifiedTheFarNode() {
        network.latency(Duration.ofMillis(10), Duration.ofMillis(10));
        CompletableFuture<PeerLink> dial = alice.dial("mem://2", aliceSide).toCompletableFuture();

        time.runFor(Duration.ofMillis(29));
        assertTrue(aliceSide.opened.isEmpty() && bobSide.opened.isEmpty(),
                "open at 10 ms, hellos arrive at 20 ms, the dialer's ack at 30 ms, the acceptor's at 40 ms");
        time.runFor(Duration.ofMillis(1));
        assertFalse(bobSide.opened.isEmpty(), "the acceptor has verified the dialer at 30 ms");
        time.runFor(Duration.ofMillis(9));
        assertFalse(dial.isDone(), "the dialer verifies the acceptor at 40 ms");
        time.runFor(Duration.ofMillis(1));

        AuthenticatedLink link = assertInstanceOf(AuthenticatedLink.class, dial.getNow(null));
        assertEquals(Optional.of(bobIdentity.id().toHex()), link.peerId());
        assertEquals(bobIdentity.id(), link.peerNodeId());
        assertEquals("mem://2", link.peerAddress());
        assertEquals(PeerLink.Direction.OUTBOUND, link.direction());
        assertEquals("in-memory", link.transportId());
        assertSame(link, aliceSide.onlyLink());
    }

    @Test
    void acceptedLinkCarriesTheDialersIdAndAdvertisedAddress() {
        alice.dial("mem://2", aliceSide);
        time.runUntilIdle(LONG_ENOUGH);

        AuthenticatedLink link = assertInstanceOf(AuthenticatedLink.class, bobSide.onlyLink());
        assertEquals(Optional.of(aliceIdentity.id().toHex()), link.peerId());
        assertEquals("mem://1", link.peerAddress());
        assertEquals(PeerLink.Direction.INBOUND, link.direction());
        assertTrue(link.isOpen());
    }

    @Test
    void verifiedNodesExchangeFramesInBothDirectionsUnchangedAndSeeNoHandshakeFrame() {
        PeerLink aliceLink = connect();
        PeerLink bobLink = bobSide.onlyLink();

        aliceLink.send("{\"type\":\"ping\"}");
        aliceLink.send("not even JSON");
        bobLink.send("{\"type\":\"pong\"}");
        time.runUntilIdle(LONG_ENOUGH);

        assertEquals(List.of("{\"type\":\"ping\"}", "not even JSON"), bobSide.frames);
        assertEquals(List.of("{\"type\":\"pong\"}"), aliceSide.frames);
        assertTrue(bobSide.frameLinks.stream().allMatch(link -> link == bobLink));
        assertTrue(aliceSide.frameLinks.stream().allMatch(link -> link == aliceLink));
    }

    @Test
    void closeAfterTheHandshakeReachesThePeersHandlerWithItsCodeAndReason() {
        PeerLink aliceLink = connect();

        aliceLink.close(1000, "bye");
        time.runUntilIdle(LONG_ENOUGH);

        assertFalse(aliceLink.isOpen());
        assertEquals(List.of("1000 bye"), bobSide.closes);
        assertEquals(List.of("1000 bye"), aliceSide.closes, "the closing side's handler hears of its own close too");
    }

    @Test
    void bothNodesCanDialEachOtherAndGetOneVerifiedLinkPerDial() {
        alice.dial("mem://2", aliceSide);
        bob.dial("mem://1", bobSide);
        time.runUntilIdle(LONG_ENOUGH);

        assertEquals(2, aliceSide.opened.size());
        assertEquals(2, bobSide.opened.size());
        assertTrue(aliceSide.opened.stream().allMatch(link -> link.peerId().equals(Optional.of(bobIdentity.id().toHex()))));
    }

    @Test
    void connectFailureOfTheInnerTransportFailsTheDialUnchanged() {
        CompletableFuture<PeerLink> dial = alice.dial("mem://9", aliceSide).toCompletableFuture();
        time.runUntilIdle(LONG_ENOUGH);

        CompletionException failure = assertThrows(CompletionException.class, dial::join);
        TransportException cause = assertInstanceOf(TransportException.class, failure.getCause());
        assertEquals(Phase.CONNECT, cause.phase());
        assertTrue(aliceSide.sawNothing());
    }

    @Test
    void eachLinksNonceComesFromTheGivenRandom() {
        HandshakeTransport fixed = new HandshakeTransport(network.transport("mem://3"), NodeIdentity.generate(),
                "mem://3", time, TIMEOUT, () -> 0x0101010101010101L);
        fixed.listen(new LinkRecorder());
        RawPeer peer = new RawPeer(network, "mem://9");
        peer.transport.dial("mem://3", peer);
        time.runUntilIdle(LONG_ENOUGH);

        byte[] expected = new byte[32];
        Arrays.fill(expected, (byte) 1);
        assertArrayEquals(expected, peer.receivedNonce());
    }

    @Test
    void delegatesIdSupportAndStatusToTheInnerTransport() {
        assertEquals("in-memory", alice.id());
        assertTrue(alice.supports("mem://7"));
        assertFalse(alice.supports("ws://127.0.0.1:8080"));
        assertEquals(TransportStatus.AVAILABLE, alice.status());
    }

    @Test
    void constructorNamesTheArgumentItRefuses() {
        var inner = network.transport("mem://4");
        NullPointerException noInner = assertThrows(NullPointerException.class,
                () -> new HandshakeTransport(null, aliceIdentity, "mem://4", time, TIMEOUT, new SplittableRandom()));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> new HandshakeTransport(inner, aliceIdentity, "mem://4", time, Duration.ZERO, new SplittableRandom()));
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> new HandshakeTransport(inner, aliceIdentity, " ", time, TIMEOUT, new SplittableRandom()));

        assertEquals("inner must be set", noInner.getMessage());
        assertTrue(zero.getMessage().startsWith("timeout"), zero.getMessage());
        assertTrue(blank.getMessage().startsWith("advertisedAddress"), blank.getMessage());
    }

    private HandshakeTransport node(String address, NodeIdentity identity) {
        return new HandshakeTransport(network.transport(address), identity, address, time, TIMEOUT,
                new SplittableRandom(address.hashCode()));
    }

    /** Alice's verified link to Bob. */
    private PeerLink connect() {
        CompletableFuture<PeerLink> dial = alice.dial("mem://2", aliceSide).toCompletableFuture();
        time.runUntilIdle(LONG_ENOUGH);
        return dial.join();
    }
}
