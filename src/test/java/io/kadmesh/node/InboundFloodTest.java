package io.kadmesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.protocol.MessageCodec;
import io.kadmesh.dht.protocol.Ping;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.testing.FrameQueue;
import io.kadmesh.testing.JdkWebSocketTransport;
import io.kadmesh.transport.handshake.HandshakeTransport;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Raw WebSocket clients that open links to the node and never send a hello (slowloris), over real
 * sockets: beyond the per-source limit a link is closed at once with 1013, the stalled ones are closed
 * by the handshake timeout, an honest peer linked before keeps being answered, and once the stall has
 * ended a new peer completes its handshake.
 */
@QuarkusTest
@TestProfile(InboundLimitsProfile.class)
class InboundFloodTest {

    private static final MessageCodec CODEC = new MessageCodec();

    @Inject
    NodeLifecycle node;

    @TestHTTPResource("/")
    java.net.URL root;

    private final JdkWebSocketTransport raw = new JdkWebSocketTransport();
    private final EventLoopScheduler scheduler = new EventLoopScheduler("inbound-flood-test");

    @AfterEach
    void close() {
        raw.close();
        scheduler.close();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void stalledHandshakesBeyondTheSourceLimitAreRefusedAndTheRestTimeOut() throws Exception {
        node.start();
        NodeIdentity honestKey = NodeIdentity.generate();
        FrameQueue honest = new FrameQueue();
        PeerLink honestLink = handshake(honestKey, honest);

        List<FrameQueue> stalled = new ArrayList<>();
        for (int i = 0; i < InboundLimitsProfile.PER_SOURCE; i++) {
            FrameQueue silent = new FrameQueue();
            raw.dial(dhtUrl(), silent).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertTrue(silent.next().contains("\"hello\""), "the node greets an admitted link");
            stalled.add(silent);
        }
        FrameQueue excess = new FrameQueue();
        raw.dial(dhtUrl(), excess).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertEquals("1013 too many handshakes in progress from 127.0.0.1 (limit " + InboundLimitsProfile.PER_SOURCE
                + ")", excess.close.get(10, TimeUnit.SECONDS));
        assertPingAnswered(honestKey, honest, honestLink, "during the flood");
        for (FrameQueue silent : stalled) {
            assertEquals("1008 handshake timed out after " + InboundLimitsProfile.HANDSHAKE_TIMEOUT_MS + " ms",
                    silent.close.get(10, TimeUnit.SECONDS));
        }
        NodeIdentity laterKey = NodeIdentity.generate();
        FrameQueue later = new FrameQueue();
        assertPingAnswered(laterKey, later, handshake(laterKey, later), "after the stalled handshakes ended");
    }

    private PeerLink handshake(NodeIdentity identity, FrameQueue queue) throws Exception {
        HandshakeTransport transport = new HandshakeTransport(raw, identity, "ws://127.0.0.1:1/dht", scheduler,
                Duration.ofSeconds(5), new SecureRandom());
        return transport.dial(dhtUrl(), queue).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void assertPingAnswered(NodeIdentity identity, FrameQueue queue, PeerLink link, String when)
            throws Exception {
        Contact self = new Contact(identity.id(), "ws://127.0.0.1:1/dht");
        String id = "p" + System.nanoTime();
        link.send(CODEC.encode(new Ping(id, self)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            String frame = queue.poll(100);
            if (frame != null && frame.contains("\"pong\"") && frame.contains(id)) {
                return;
            }
        }
        throw new AssertionError("no pong " + when);
    }

    private String dhtUrl() {
        return "ws://127.0.0.1:" + root.getPort() + "/dht";
    }
}
