package io.kadmesh.transport.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
import io.kadmesh.testing.LinkRecorder;

/** A node behind a {@link HandshakeTransport} facing peers that break the handshake, written by hand. */
class HandshakeRefusalTest {

    private static final Duration LONG_ENOUGH = Duration.ofMinutes(1);

    private final SimulatedTime time = new SimulatedTime();
    private final InMemoryNetwork network = new InMemoryNetwork(time, new SplittableRandom(11));
    private final NodeIdentity identity = NodeIdentity.generate();
    private final HandshakeTransport node = new HandshakeTransport(network.transport("mem://1"), identity,
            "mem://1", time, Duration.ofSeconds(5), new SplittableRandom(3));
    private final LinkRecorder nodeSide = new LinkRecorder();
    private final RawPeer peer = new RawPeer(network, "mem://9");

    HandshakeRefusalTest() {
        node.listen(nodeSide);
    }

    @Test
    void peerThatFollowsTheDocumentedProtocolIsAccepted() {
        connectPeer();
        peer.send(peer.hello());
        peer.send(peer.ack());
        time.runUntilIdle(LONG_ENOUGH);

        assertEquals(Optional.of(peer.identity.id().toHex()), nodeSide.onlyLink().peerId());
        assertEquals(2, peer.frames.size(), "hello and hello_ack");
        String signature = peer.frames.get(1).replaceAll(".*\"signature\":\"([^\"]+)\".*", "$1");
        byte[] signed = RawPeer.signedBytes(identity.id().toBytes(), peer.identity.id().toBytes(),
                peer.receivedNonce(), RawPeer.NONCE);
        assertTrue(NodeIdentity.verify(identity.publicKey(), signed, java.util.Base64.getDecoder().decode(signature)));
        assertTrue(peer.closes.isEmpty());
    }

    @Test
    void helloWhoseNodeIdIsNotItsKeysIsRefused() {
        String someoneElse = NodeIdentity.generate().id().toHex();

        String close = refusalOf(
                RawPeer.hello(RawPeer.VERSION, someoneElse, peer.identity.publicKey(), RawPeer.NONCE, "mem://9"));

        assertEquals("1008 node id does not match its public key", close);
    }

    @Test
    void signatureByAnotherKeyIsRefused() {
        connectPeer();
        peer.send(peer.hello());
        NodeIdentity impostor = NodeIdentity.generate();
        byte[] signed = RawPeer.signedBytes(peer.identity.id().toBytes(), peer.receivedId(), RawPeer.NONCE,
                peer.receivedNonce());

        String close = refusalOf(RawPeer.ack(impostor.sign(signed)));

        assertEquals("1008 bad handshake signature", close);
    }

    @Test
    void signatureThatDoesNotBindTheSignersIdIsRefused() {
        connectPeer();
        peer.send(peer.hello());

        String close = refusalOf(RawPeer.ack(peer.identity.sign(peer.receivedNonce())));

        assertEquals("1008 bad handshake signature", close);
    }

    @Test
    void signatureTheSignerGaveAnotherVerifierIsRefused() {
        connectPeer();
        peer.send(peer.hello());
        byte[] someoneElse = NodeIdentity.generate().id().toBytes();
        byte[] signed = RawPeer.signedBytes(peer.identity.id().toBytes(), someoneElse, RawPeer.NONCE,
                peer.receivedNonce());

        assertEquals("1008 bad handshake signature", refusalOf(RawPeer.ack(peer.identity.sign(signed))));
    }

    @Test
    void signatureOfTheOldLayoutIsRefused() {
        connectPeer();
        peer.send(peer.hello());
        byte[] old = java.nio.ByteBuffer.allocate(52).put(peer.receivedNonce()).put(peer.identity.id().toBytes())
                .array();

        assertEquals("1008 bad handshake signature", refusalOf(RawPeer.ack(peer.identity.sign(old))));
    }

    @Test
    void acceptingSideSignsNothingBeforeTheDialerHasProvenItself() {
        connectPeer();
        peer.send(peer.hello());
        time.runFor(Duration.ofMillis(100));

        assertEquals(1, peer.frames.size(), "only the node's hello, no hello_ack yet: " + peer.frames);
        peer.send(peer.ack());
        time.runFor(Duration.ofMillis(100));
        assertEquals(2, peer.frames.size(), "the node's hello_ack follows the dialer's: " + peer.frames);
    }

    @Test
    void unsupportedProtocolVersionIsRefusedSayingWhichVersionThisNodeSpeaks() {
        String close = refusalOf(RawPeer.hello(3, peer.identity.id().toHex(), peer.identity.publicKey(), RawPeer.NONCE,
                "mem://9").replace("\"publicKey\"", "\"key\""));

        assertEquals("1008 unsupported protocol version 3 (this node speaks 2)", close);
    }

    @Test
    void silentPeerIsDisconnectedWhenTheTimeoutExpires() {
        network.latency(Duration.ofMillis(10), Duration.ofMillis(10));
        peer.transport.dial("mem://1", peer);
        time.runFor(Duration.ofMillis(5_019));
        assertTrue(peer.closes.isEmpty(), "the link opens at 10 ms, the node closes it at 5010 ms, heard at 5020 ms");

        time.runUntilIdle(LONG_ENOUGH);

        assertEquals(List.of("1008 handshake timed out after 5000 ms"), peer.closes);
        assertTrue(nodeSide.sawNothing());
    }

    @Test
    void dataFrameBeforeTheHandshakeIsRefused() {
        String close = refusalOf("{\"type\":\"ping\",\"requestId\":\"p-1\"}");

        assertEquals("1008 a 'ping' frame before the handshake finished", close);
    }

    @Test
    void dataFrameAfterHelloButBeforeAckIsRefused() {
        connectPeer();
        peer.send(peer.hello());

        assertEquals("1008 a 'ping' frame before the handshake finished", refusalOf("{\"type\":\"ping\"}"));
    }

    @Test
    void malformedHandshakeFramesAreRefused() {
        assertEquals("1008 malformed handshake frame: not one JSON object", refusalOf("hello"));
        assertEquals("1008 malformed handshake frame: not one JSON object",
                refusalOf("{\"type\":\"hello\",\"type\":\"hello\"}"));
        assertEquals("1008 a frame without a type before the handshake finished", refusalOf("{}"));
        assertEquals("1008 a frame of unknown type before the handshake finished", refusalOf("{\"type\":\"<b>\"}"));
        assertEquals("1008 hello field 'protocolVersion' must be an integer", refusalOf("{\"type\":\"hello\"}"));
        assertEquals("1008 hello field 'nonce' must be base64 of 32 bytes",
                refusalOf(peer.hello().replace("\"nonce\":\"", "\"nonce\":\"AAAA")));
        assertEquals("1008 hello field 'nodeId' must be 40 hex digits",
                refusalOf(peer.hello().replace("\"nodeId\":\"", "\"nodeId\":\"x")));
        assertEquals("1008 hello field 'address' must be 1 to 2048 characters, not all blank",
                refusalOf(peer.hello().replace("\"address\":\"mem://9\"", "\"address\":\" \"")));
    }

    @Test
    void secondHelloIsRefused() {
        connectPeer();
        peer.send(peer.hello());

        assertEquals("1008 second hello", refusalOf(peer.hello()));
    }

    @Test
    void ackBeforeHelloIsRefused() {
        assertEquals("1008 hello_ack before hello", refusalOf(RawPeer.ack(new byte[64])));
    }

    @Test
    void connectingToItselfIsRefusedOnBothEnds() {
        CompletableFuture<PeerLink> dial = node.dial("mem://1", nodeSide).toCompletableFuture();
        time.runUntilIdle(LONG_ENOUGH);

        TransportException failure = dialFailure(dial);
        assertTrue(failure.getMessage().endsWith("failed: peer is this node itself"), failure.getMessage());
        assertTrue(nodeSide.sawNothing());
    }

    @Test
    void dialToAPeerWithAForgedHelloFailsInTheHandshakePhase() {
        peer.transport.listen(peer);
        String someoneElse = NodeIdentity.generate().id().toHex();
        peer.sendOnOpen.add(RawPeer.hello(RawPeer.VERSION, someoneElse, peer.identity.publicKey(), RawPeer.NONCE, "mem://9"));

        CompletableFuture<PeerLink> dial = node.dial("mem://9", nodeSide).toCompletableFuture();
        time.runUntilIdle(LONG_ENOUGH);

        TransportException failure = dialFailure(dial);
        assertEquals("in-memory", failure.transportId());
        assertEquals("mem://9", failure.peer());
        assertEquals("in-memory handshake to mem://9 failed: node id does not match its public key",
                failure.getMessage());
        assertEquals(List.of("1008 node id does not match its public key"), peer.closes);
        assertTrue(nodeSide.sawNothing());
    }

    @Test
    void dialToASilentPeerFailsWhenTheTimeoutExpires() {
        peer.transport.listen(peer);

        CompletableFuture<PeerLink> dial = node.dial("mem://9", nodeSide).toCompletableFuture();
        time.runUntilIdle(LONG_ENOUGH);

        assertTrue(dialFailure(dial).getMessage().endsWith("failed: handshake timed out after 5000 ms"));
    }

    @Test
    void dialFailsWithThePeersReasonWhenThePeerRefusesTheHandshake() {
        peer.transport.listen(peer);
        CompletableFuture<PeerLink> dial = node.dial("mem://9", nodeSide).toCompletableFuture();
        time.runFor(Duration.ofMillis(100));

        peer.link.close(1008, "bad handshake signature");
        time.runUntilIdle(LONG_ENOUGH);

        assertTrue(dialFailure(dial).getMessage()
                .endsWith("failed: peer closed the link during the handshake: 1008 bad handshake signature"));
        assertTrue(nodeSide.sawNothing());
    }

    /** Connects the raw peer to the node, unless it is already, and lets the node's hello arrive. */
    private void connectPeer() {
        if (peer.link == null) {
            peer.transport.dial("mem://1", peer);
            time.runFor(Duration.ofMillis(100));
        }
    }

    /** The close the node answers {@code frame} with; the node's handler must have seen nothing. */
    private String refusalOf(String frame) {
        connectPeer();
        peer.send(frame);
        time.runFor(Duration.ofMillis(100));
        assertEquals(1, peer.closes.size(), () -> "closes after " + frame + ": " + peer.closes);
        assertTrue(nodeSide.sawNothing(), () -> "the node's handler saw " + nodeSide.opened + nodeSide.frames);
        String close = peer.closes.get(0);
        peer.closes.clear();
        peer.frames.clear();
        peer.link = null;
        return close;
    }

    private static TransportException dialFailure(CompletableFuture<PeerLink> dial) {
        CompletionException failure = assertThrows(CompletionException.class, dial::join);
        TransportException cause = assertInstanceOf(TransportException.class, failure.getCause());
        assertEquals(Phase.HANDSHAKE, cause.phase());
        return cause;
    }
}
