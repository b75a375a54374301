package io.kadmesh.node;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.Scheduler;
import io.kadmesh.dht.protocol.DecodeResult;
import io.kadmesh.dht.protocol.Decoded;
import io.kadmesh.dht.protocol.ErrorCode;
import io.kadmesh.dht.protocol.ErrorReply;
import io.kadmesh.dht.protocol.FindNode;
import io.kadmesh.dht.protocol.Message;
import io.kadmesh.dht.protocol.MessageCodec;
import io.kadmesh.dht.protocol.Nodes;
import io.kadmesh.dht.protocol.Ping;
import io.kadmesh.dht.protocol.Pong;
import io.kadmesh.dht.protocol.Request;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.testing.JdkWebSocketTransport;
import io.kadmesh.transport.handshake.HandshakeTransport;

/**
 * A peer of the node under test over a real WebSocket (the JDK's client), after a real handshake
 * with an identity of its own. It answers the node's pings and lookups as an honest node with an
 * empty table would, and keeps every other frame for the test to read.
 */
final class WirePeer implements LinkHandler {

    static final MessageCodec CODEC = new MessageCodec();

    final NodeIdentity identity;
    final Contact self;
    final Transport wire;
    final LinkedBlockingQueue<Message> replies = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    final PeerLink link;
    /** When set, frames from the node are not read at all: an attacker that does not care for answers. */
    volatile boolean deaf;
    private long lastId;

    /** A peer with a fresh identity that sends each frame in one WebSocket frame. */
    WirePeer(String nodeUrl, Scheduler scheduler) throws Exception {
        this(nodeUrl, scheduler, NodeIdentity.generate(), new JdkWebSocketTransport());
    }

    WirePeer(String nodeUrl, Scheduler scheduler, NodeIdentity identity, Transport wire)
            throws Exception {
        this.identity = identity;
        this.self = new Contact(identity.id(), "ws://127.0.0.1:1/dht");
        this.wire = wire;
        HandshakeTransport transport = new HandshakeTransport(wire, identity, self.address(), scheduler,
                Duration.ofSeconds(5), new SecureRandom());
        link = transport.dial(nodeUrl, this).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /**
     * The address to dial the test app's {@code /dht} endpoint at, from its injected HTTP URL: ws, and
     * the loopback address rather than {@code localhost}.
     */
    static String dialUrl(URL dht) {
        return dht.toString().replace("http://", "ws://").replace("localhost", "127.0.0.1");
    }

    /** A request id not used before on this peer. */
    String nextId() {
        return Long.toString(++lastId, 36);
    }

    /** Sends {@code frame} and waits for the node's next reply (not a request of its own). */
    Message exchange(String frame) throws Exception {
        link.send(frame);
        return nextReply(Duration.ofSeconds(5));
    }

    /** The next reply within {@code wait}; fails the test when none comes. */
    Message nextReply(Duration wait) throws Exception {
        Message reply = replies.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        assertTrue(reply != null, "no reply within " + wait + (closeCode.isDone() ? ", link closed " + closeCode.join() : ""));
        return reply;
    }

    /** Pings the node and fails unless it answers with a pong. */
    void mustBeAnswered() throws Exception {
        assertInstanceOf(Pong.class, exchange(CODEC.encode(new Ping(nextId(), self))));
    }

    @Override
    public void onOpen(PeerLink opened) {
    }

    @Override
    public void onFrame(PeerLink from, String frame) {
        if (deaf) {
            return;
        }
        DecodeResult decoded = CODEC.decode(frame);
        Message message = decoded instanceof Decoded ok ? ok.message() : null;
        if (message instanceof Ping ping) {
            from.send(CODEC.encode(new Pong(ping.requestId(), self)));
        } else if (message instanceof Request request) {
            from.send(CODEC.encode(request instanceof FindNode ? new Nodes(request.requestId(), self, List.of())
                    : new ErrorReply(request.requestId(), self, ErrorCode.REFUSED, "test peer")));
        } else if (message != null) {
            replies.add(message);
        }
    }

    @Override
    public void onClose(PeerLink closed, int code, String reason) {
        closeCode.complete(code);
    }
}
