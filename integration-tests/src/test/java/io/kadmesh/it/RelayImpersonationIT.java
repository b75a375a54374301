package io.kadmesh.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.it.harness.Await;
import io.kadmesh.it.harness.HandshakeScript;
import io.kadmesh.it.harness.HandshakeScript.Hello;
import io.kadmesh.it.harness.PackagedApp;
import io.kadmesh.localnet.LocalNetwork;
import io.kadmesh.localnet.NodeProcess;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.testing.FrameQueue;
import io.kadmesh.testing.JdkWebSocketTransport;

/**
 * Impersonation by relay, with three parties over real WebSockets: two honest node processes of the
 * packaged jar, A (a node) and B (its bootstrap), and Mallory, a raw WebSocket client that dials both,
 * speaks the handshake by hand, and passes what B signs on to A in order to be taken for B. A must
 * refuse her every time, with close code 1008 and a handshake reason, and never answer her as B.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayImpersonationIT {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private LocalNetwork network;
    private final JdkWebSocketTransport mallory = new JdkWebSocketTransport();
    private final NodeIdentity malloryKey = NodeIdentity.generate();

    @BeforeAll
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void startTwoNodes() {
        network = LocalNetwork.start(PackagedApp.dir(), PackagedApp.runDir("it-relay"), 1);
    }

    @AfterEach
    void hangUp() {
        mallory.close();
    }

    @AfterAll
    @Timeout(value = 15, unit = TimeUnit.SECONDS)
    void stopNodes() {
        if (network != null) {
            network.close();
        }
    }

    /**
     * Mallory introduces herself to B honestly, but with A's nonce as her own, and forwards B's
     * hello_ack to A with B's hello. Before the fix B signed only A's nonce and its own id, and A
     * accepted Mallory as B and answered her ping.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void signatureThatBWroteForMalloryDoesNotMakeHerBToA() throws Exception {
        Side a = dial(nodeA());
        Side b = dial(nodeB());

        b.link.send(HandshakeScript.hello(b.hello.version(), malloryKey.id().toHex(), malloryKey.publicKey(),
                a.hello.nonce(), "ws://127.0.0.1:1/dht"));
        b.link.send(HandshakeScript.honestAck(malloryKey, a.hello.nonce(), b.hello));
        byte[] signedByB = HandshakeScript.signatureOf(b.queue.next());
        impersonateB(a, b.hello, signedByB);

        String close = a.closeAfterAll();
        assertEquals("1008 bad handshake signature", close, "A should refuse the relayed signature; A sent "
                + a.received);
    }

    /**
     * Mallory claims to be A towards B and B towards A, and passes each side's proof to the other. A
     * side that accepted a link proves itself only after the dialer has, so neither writes the first
     * proof: the handshakes time out. Before the fix B signed at once and A accepted Mallory as B.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void malloryPosingAsEachToTheOtherGetsNoProofFromEither() throws Exception {
        Side a = dial(nodeA());
        Side b = dial(nodeB());

        b.link.send(HandshakeScript.hello(b.hello.version(), a.hello.nodeId(), a.hello.publicKey(),
                a.hello.nonce(), a.hello.address()));
        String fromB = b.queue.poll(2_000);
        if (fromB != null && fromB.contains("hello_ack")) {
            impersonateB(a, b.hello, HandshakeScript.signatureOf(fromB));
        } else {
            a.link.send(HandshakeScript.hello(a.hello.version(), b.hello.nodeId(), b.hello.publicKey(),
                    b.hello.nonce(), b.hello.address()));
        }

        String close = a.closeAfterAll();
        assertTrue(close.startsWith("1008 handshake timed out"), "A should time Mallory out, got '" + close
                + "'; A sent " + a.received);
        assertFalse(a.received.stream().anyMatch(frame -> frame.contains("hello_ack")),
                "A must not prove itself to an unproven dialer: " + a.received);
    }

    private void impersonateB(Side a, Hello bHello, byte[] signedByB) {
        a.link.send(HandshakeScript.hello(a.hello.version(), bHello.nodeId(), bHello.publicKey(), bHello.nonce(),
                bHello.address()));
        a.link.send(HandshakeScript.ack(signedByB));
        a.link.send("{\"type\":\"ping\",\"requestId\":\"as-b\",\"sender\":{\"nodeId\":\"" + bHello.nodeId()
                + "\",\"address\":\"" + bHello.address() + "\"}}");
    }

    private NodeProcess nodeA() {
        return network.node(0);
    }

    private NodeProcess nodeB() {
        return network.bootstrap();
    }

    /** Mallory's link to {@code node}, dialed again until the node, once started, sends its hello. */
    private Side dial(NodeProcess node) {
        AtomicReference<Side> side = new AtomicReference<>();
        Await.until(node.name() + " should send its hello", Duration.ofSeconds(30), () -> {
            side.set(tryDial(node));
            return side.get() != null;
        }, node::toString);
        return side.get();
    }

    private Side tryDial(NodeProcess node) {
        FrameQueue queue = new FrameQueue();
        try {
            PeerLink link = mallory.dial("ws://127.0.0.1:" + node.port() + "/dht", queue).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            String first = queue.poll(5_000);
            return first != null && first.contains("\"hello\"") ? new Side(link, queue, Hello.parse(first)) : null;
        } catch (ExecutionException | TimeoutException notListeningYet) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Mallory's link to one node, and the hello the node sent first. */
    private record Side(PeerLink link, FrameQueue queue, Hello hello, List<String> received) {

        Side(PeerLink link, FrameQueue queue, Hello hello) {
            this(link, queue, hello, new ArrayList<>());
        }

        /** How the node closed the link (code and reason), after keeping every frame it sent before. */
        String closeAfterAll() throws InterruptedException {
            long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
            while (!queue.close.isDone() && System.nanoTime() < deadline) {
                String frame = queue.poll(100);
                if (frame != null) {
                    received.add(frame);
                }
            }
            String frame;
            while ((frame = queue.poll(0)) != null) {
                received.add(frame);
            }
            return queue.close.getNow("no close within " + CLOSE_WAIT.toSeconds() + " s");
        }
    }
}
