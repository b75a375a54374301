package io.kadmesh.node;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.kadmesh.bootstrap.BootstrapMessages;
import io.kadmesh.dht.Contact;
import io.kadmesh.dht.protocol.Decoded;
import io.kadmesh.dht.protocol.MessageCodec;
import io.kadmesh.dht.protocol.Ping;
import io.kadmesh.dht.protocol.Pong;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.testing.FrameQueue;
import io.kadmesh.testing.JdkWebSocketTransport;
import io.kadmesh.transport.handshake.HandshakeTransport;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * A plain node that joined through a bootstrap, stopped while a peer holds an authenticated link to
 * it: the peer sees an orderly close with 1001, the bootstrap a leave signed by the node, the stop
 * ends within {@code kadmesh.shutdown.timeout}, and REST and health then say that no node runs. A
 * stopped node does not come back in the same process, so the stop runs last.
 */
@QuarkusTest
@TestProfile(ShutdownTestProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeShutdownTest {

    private static final MessageCodec CODEC = new MessageCodec();

    @Inject
    NodeLifecycle node;

    private final EventLoopScheduler peerLoop = new EventLoopScheduler("shutdown-test-peer");
    private final JdkWebSocketTransport outside = new JdkWebSocketTransport();

    @AfterEach
    void closePeer() {
        outside.close();
        peerLoop.close();
    }

    @Test
    @Order(1)
    void mustDescribeAPlainNodeHonestly() {
        node.start();
        String advertised = "ws://127.0.0.1:" + RestAssured.port + "/dht";

        given().get("/api/node").then().statusCode(200).body("role", equalTo("node"))
                .body("config.commit", nullValue()).body("config.profile", equalTo(ShutdownTestProfile.PROFILE));
        given().get("/api/network/health").then().statusCode(200).body("total", equalTo(1))
                .body("nodes[0].url", equalTo(advertised)).body("nodes[0]", not(hasKey("lastSeen")));
    }

    @Test
    @Order(2)
    void mustCloseLinksWith1001AndTellTheBootstrapWithinTheTimeout() throws Exception {
        node.start();
        String nodeId = given().get("/api/node").then().statusCode(200).extract().path("nodeId");
        FrameQueue peer = new FrameQueue();
        authenticatedLinkToTheNode(peer);

        long started = System.nanoTime();
        node.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(CloseCodes.GOING_AWAY, peer.closeCode.get(10, TimeUnit.SECONDS), "an orderly close, not a drop");
        assertTrue(took.compareTo(Duration.ofSeconds(ShutdownTestProfile.TIMEOUT_SECONDS + 1)) < 0, "took " + took);
        BootstrapMessages.Leave leave = leaveReceived();
        assertEquals(nodeId, leave.nodeId().toHex());
        assertTrue(leave.isSignedByTheNode(FakeBootstrap.CHALLENGE), "signed by the node's key");
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'dht' }.data.node", containsString("stopped"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/api/node").then().statusCode(503).body("error", containsString("stopped"));
    }

    /** A link from a peer of the test's own, over the JDK's WebSocket client, after a real handshake. */
    private PeerLink authenticatedLinkToTheNode(FrameQueue peer) throws Exception {
        NodeIdentity identity = NodeIdentity.generate();
        HandshakeTransport transport = new HandshakeTransport(outside, identity, "ws://127.0.0.1:1/dht", peerLoop,
                Duration.ofSeconds(5), new SecureRandom());
        PeerLink link = transport.dial("ws://127.0.0.1:" + RestAssured.port + "/dht", peer).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        link.send(CODEC.encode(new Ping("p1", new Contact(identity.id(), "ws://127.0.0.1:1/dht"))));
        assertInstanceOf(Pong.class, assertInstanceOf(Decoded.class, CODEC.decode(peer.next())).message(),
                "the link carries the DHT protocol");
        return link;
    }

    /** The first leave the fake bootstrap received; registrations before it are skipped. */
    private static BootstrapMessages.Leave leaveReceived() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String frame = FakeBootstrap.FRAMES.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertNotNull(frame, "the bootstrap received no leave");
            if (BootstrapMessages.parseRequest(frame) instanceof BootstrapMessages.Leave leave) {
                return leave;
            }
        }
        throw new AssertionError("the bootstrap received no leave within 10 s");
    }
}
