package io.kadmesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.protocol.Decoded;
import io.kadmesh.dht.protocol.ErrorCode;
import io.kadmesh.dht.protocol.ErrorReply;
import io.kadmesh.dht.protocol.Message;
import io.kadmesh.dht.protocol.MessageCodec;
import io.kadmesh.dht.protocol.Ping;
import io.kadmesh.dht.protocol.Pong;
import io.kadmesh.dht.protocol.Request;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.plugin.websocket.WebSocketTransport;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.testing.QuietLinks;
import io.kadmesh.transport.handshake.HandshakeTransport;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Peers that misbehave over a real WebSocket, after a real handshake: each bad frame gets an error
 * reply or a close code, and an honest peer on another link is answered all along.
 */
@QuarkusTest
class HostileWebSocketPeerTest {

    private static final MessageCodec CODEC = new MessageCodec();

    @Inject
    WebSocketTransport websocket;

    @Inject
    NodeLifecycle node;

    @TestHTTPResource("/")
    java.net.URL root;

    private final EventLoopScheduler scheduler = new EventLoopScheduler("hostile-peer-test");
    private Peer mallory;
    private Peer honest;

    @BeforeEach
    void connect() throws Exception {
        node.start();
        mallory = new Peer();
        honest = new Peer();
    }

    @AfterEach
    void close() {
        mallory.link.close(1000, "done");
        honest.link.close(1000, "done");
        scheduler.close();
    }

    @Test
    void mustAnswerEveryKindOfBadFrameAndKeepServingOthers() throws Exception {
        assertEquals(ErrorCode.MALFORMED, mallory.errorFor("not json at all"));
        assertEquals(ErrorCode.TRUNCATED, mallory.errorFor("{\"type\":"));
        honest.mustBeAnswered();
        assertEquals(ErrorCode.OVERSIZED, mallory.errorFor("x".repeat(MessageCodec.DEFAULT_MAX_FRAME_BYTES + 10)));
        honest.mustBeAnswered();
        assertEquals(ErrorCode.UNKNOWN_TYPE, mallory.errorFor("{\"type\":\"teleport\",\"requestId\":\"q1\"}"));
        honest.mustBeAnswered();
        assertEquals(Pong.class, mallory.exchange(CODEC.encode(new Ping("ok1", mallory.self))).getClass());
    }

    @Test
    void mustRefuseAForgedSenderAndCloseOnlyThatLink() throws Exception {
        Contact impersonated = new Contact(NodeId.random(new SecureRandom()), "ws://127.0.0.1:1/dht");

        assertEquals(ErrorCode.REFUSED, mallory.errorFor(CODEC.encode(new Ping("f1", impersonated))));

        assertEquals(1008, mallory.closeCode.get(5, TimeUnit.SECONDS));
        honest.mustBeAnswered();
    }

    @Test
    void mustCloseALinkWhoseFrameExceedsTheTransportLimit() throws Exception {
        mallory.link.send("y".repeat(2 * 1024 * 1024));

        int code = mallory.closeCode.get(10, TimeUnit.SECONDS);
        assertEquals(1009, code, "closed as too big");
        honest.mustBeAnswered();
    }

    @Test
    void mustCloseARawClientThatSkipsTheHandshake() throws Exception {
        CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        PeerLink raw = websocket
                .dial("ws://127.0.0.1:" + root.getPort() + "/dht",
                        QuietLinks.closing((code, reason) -> closeCode.complete(code)))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        raw.send(CODEC.encode(new Ping("r1", mallory.self)));

        assertEquals(1008, closeCode.get(10, TimeUnit.SECONDS), "data before the handshake is a policy violation");
        honest.mustBeAnswered();
    }

    /** A peer with its own identity, authenticated to the node under test. */
    private final class Peer implements LinkHandler {
        final NodeIdentity identity = NodeIdentity.generate();
        final Contact self = new Contact(identity.id(), "ws://127.0.0.1:1/dht");
        final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        final PeerLink link;

        Peer() throws Exception {
            HandshakeTransport transport = new HandshakeTransport(websocket, identity, self.address(), scheduler,
                    Duration.ofSeconds(5), new SecureRandom());
            link = transport.dial("ws://127.0.0.1:" + root.getPort() + "/dht", this).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        }

        /**
         * The node's answer to {@code frame}. Requests the node sends on its own meanwhile (link upkeep
         * pings and looks up its neighbours over every link) are not answers, and are skipped.
         */
        Message exchange(String frame) throws Exception {
            link.send(frame);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (true) {
                String reply = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertTrue(reply != null, "no reply to " + frame.substring(0, Math.min(60, frame.length())));
                Message message = assertInstanceOf(Decoded.class, CODEC.decode(reply)).message();
                if (!(message instanceof Request)) {
                    return message;
                }
            }
        }

        ErrorCode errorFor(String frame) throws Exception {
            return assertInstanceOf(ErrorReply.class, exchange(frame)).code();
        }

        void mustBeAnswered() throws Exception {
            assertEquals(Pong.class, exchange(CODEC.encode(new Ping("h" + frames.size(), self))).getClass());
        }

        @Override
        public void onOpen(PeerLink opened) {
        }

        @Override
        public void onFrame(PeerLink from, String frame) {
            frames.add(frame);
        }

        @Override
        public void onClose(PeerLink closed, int code, String reason) {
            closeCode.complete(code);
        }
    }
}
