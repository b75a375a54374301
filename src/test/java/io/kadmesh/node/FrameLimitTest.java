package io.kadmesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.protocol.ErrorCode;
import io.kadmesh.dht.protocol.ErrorReply;
import io.kadmesh.dht.protocol.FindValue;
import io.kadmesh.dht.protocol.Message;
import io.kadmesh.dht.protocol.Nodes;
import io.kadmesh.dht.protocol.Pong;
import io.kadmesh.dht.protocol.Store;
import io.kadmesh.dht.protocol.Stored;
import io.kadmesh.dht.storage.SignedRecord;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.testing.JdkWebSocketTransport;
import io.kadmesh.testing.VertxFrameTransport;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The frame limit of docs/protocol.md holds over a real WebSocket, however a peer cuts its message
 * into WebSocket frames: a legal message is answered, a message over the limit gets an
 * {@code oversized} error reply, and one beyond the transport's own limit closes the link with 1009.
 */
@QuarkusTest
@TestProfile(HostilePeersProfile.class)
@Timeout(60)
class FrameLimitTest {

    /** A legal frame longer than the 65,536-byte WebSocket frame limit Quarkus has by default. */
    private static final int LEGAL_LENGTH = 70_000;
    /** The frame limit docs/protocol.md gives, in UTF-8 bytes. */
    private static final int LIMIT_BYTES = 262_144;
    /** Fragments this long cut every long message into several WebSocket frames. */
    private static final int FRAGMENT = 16_000;

    @Inject
    NodeLifecycle node;

    @TestHTTPResource("/dht")
    java.net.URL dht;

    private final EventLoopScheduler scheduler = new EventLoopScheduler("frame-limit-test");
    private final VertxFrameTransport oneFrame = new VertxFrameTransport();

    @BeforeEach
    void start() {
        node.start();
    }

    @AfterEach
    void close() {
        oneFrame.close();
        scheduler.close();
    }

    @Test
    void legalMessageInOneFrameIsAnswered() throws Exception {
        WirePeer peer = onOneFramePeer();

        assertInstanceOf(Pong.class, peer.exchange(paddedPing(peer, "x".repeat(LEGAL_LENGTH))));
        peer.mustBeAnswered();
    }

    @Test
    void legalMessageInFragmentsIsAnswered() throws Exception {
        WirePeer peer = peer(new JdkWebSocketTransport(FRAGMENT));

        assertInstanceOf(Pong.class, peer.exchange(paddedPing(peer, "x".repeat(LEGAL_LENGTH))));
        peer.mustBeAnswered();
    }

    @Test
    void messageOverTheByteLimitInOneFrameIsAnsweredOversized() throws Exception {
        WirePeer peer = onOneFramePeer();

        assertEquals(ErrorCode.OVERSIZED, errorFor(peer, paddedPing(peer, overLimitInBytesNotInCharacters())));
        peer.mustBeAnswered();
    }

    @Test
    void messageOverTheByteLimitInFragmentsIsAnsweredOversized() throws Exception {
        WirePeer peer = peer(new JdkWebSocketTransport(FRAGMENT));

        assertEquals(ErrorCode.OVERSIZED, errorFor(peer, paddedPing(peer, overLimitInBytesNotInCharacters())));
        peer.mustBeAnswered();
    }

    @Test
    void messageBeyondTheTransportLimitInFragmentsClosesTheLinkWith1009() throws Exception {
        WirePeer peer = peer(new JdkWebSocketTransport(FRAGMENT));
        WirePeer honest = peer(new JdkWebSocketTransport());

        peer.link.send("y".repeat(2 * 1024 * 1024));

        assertEquals(1009, peer.closeCode.get(10, TimeUnit.SECONDS));
        honest.mustBeAnswered();
    }

    /**
     * One WebSocket frame beyond the transport's frame limit is refused by Netty's frame decoder, which
     * drops the connection without a close frame (1006), as docs/protocol.md says; the node goes on.
     */
    @Test
    void frameBeyondTheTransportLimitEndsOnlyThatLink() throws Exception {
        WirePeer peer = onOneFramePeer();
        WirePeer honest = peer(new JdkWebSocketTransport());

        peer.link.send("y".repeat(2 * 1024 * 1024));

        assertEquals(1006, peer.closeCode.get(10, TimeUnit.SECONDS));
        honest.mustBeAnswered();
    }

    /**
     * A store whose frame fits, of a value whose {@code value} reply would not: control characters
     * take six bytes each escaped, and the find_value asks with the longest request id. Every request
     * gets an answer, and whatever the node answers decodes.
     */
    @Test
    void valueWhoseReplyWouldExceedTheLimitIsAnsweredNeverDropped() throws Exception {
        WirePeer peer = peer(new JdkWebSocketTransport());
        NodeId key = NodeId.random(new SecureRandom());
        Store empty = new Store(peer.nextId(), peer.self, signed(peer, key, ""));
        int escapedChars = (LIMIT_BYTES - WirePeer.CODEC.encode(empty).length()) / 6 - 1;
        Store store = new Store(peer.nextId(), peer.self, signed(peer, key, "\u0001".repeat(escapedChars)));

        Message stored = peer.exchange(WirePeer.CODEC.encode(store));
        Message found = peer.exchange(WirePeer.CODEC.encode(new FindValue("f".repeat(64), peer.self, key)));

        assertTrue(stored instanceof Stored || stored instanceof ErrorReply, "store answered: " + stored.type());
        assertTrue(found instanceof Nodes || found instanceof ErrorReply, "find_value answered: " + found.type());
        peer.mustBeAnswered();
    }

    /** {@code value} under {@code key}, published by {@code peer} for five minutes. */
    private static SignedRecord signed(WirePeer peer, NodeId key, String value) {
        return SignedRecord.sign(key, value, 1, Instant.now().plus(Duration.ofMinutes(5)), peer.identity.recordSigner());
    }

    /** 100,000 characters of three UTF-8 bytes each: under the limit in characters, over it in bytes. */
    private static String overLimitInBytesNotInCharacters() {
        return "\u20ac".repeat(LIMIT_BYTES / 3 + 10_000);
    }

    private static ErrorCode errorFor(WirePeer peer, String frame) throws Exception {
        return assertInstanceOf(ErrorReply.class, peer.exchange(frame)).code();
    }

    /** A ping with an unknown field {@code pad}, which receivers ignore. */
    private static String paddedPing(WirePeer peer, String pad) {
        return "{\"type\":\"ping\",\"requestId\":\"" + peer.nextId() + "\",\"sender\":{\"nodeId\":\""
                + peer.identity.id().toHex() + "\",\"address\":\"" + peer.self.address() + "\"},\"pad\":\"" + pad
                + "\"}";
    }

    private WirePeer peer(JdkWebSocketTransport wire) throws Exception {
        return new WirePeer(nodeUrl(), scheduler, NodeIdentity.generate(), wire);
    }

    /** A peer whose every message goes as one WebSocket frame, however long. */
    private WirePeer onOneFramePeer() throws Exception {
        return new WirePeer(nodeUrl(), scheduler, NodeIdentity.generate(), oneFrame);
    }

    private String nodeUrl() {
        return WirePeer.dialUrl(dht);
    }
}
