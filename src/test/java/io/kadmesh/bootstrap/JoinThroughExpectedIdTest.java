package io.kadmesh.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeContext;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;
import io.kadmesh.dht.node.DhtNode;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.node.EventLoopScheduler;
import io.kadmesh.node.NodeLifecycle;
import io.kadmesh.testing.JdkWebSocketTransport;
import io.kadmesh.transport.handshake.HandshakeTransport;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Joining through an introduced peer, and a bootstrap verifying a registered address, over real
 * WebSockets and the real handshake: an id paired with another node's address fails cleanly.
 */
@QuarkusTest
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JoinThroughExpectedIdTest {

    @Inject
    NodeLifecycle node;
    @TestHTTPResource("/")
    URL root;

    private final EventLoopScheduler loop = new EventLoopScheduler("test-joiner");
    private final JdkWebSocketTransport outside = new JdkWebSocketTransport();
    private DhtNode joiner;

    @BeforeEach
    void start() {
        node.start();
        NodeIdentity identity = NodeIdentity.generate();
        SecureRandom random = new SecureRandom();
        var transport = new HandshakeTransport(outside, identity, "ws://127.0.0.1:1/dht", loop, Duration.ofSeconds(5),
                random);
        joiner = new DhtNode(new Contact(identity.id(), "ws://127.0.0.1:1/dht"), KademliaParameters.DEFAULTS,
                new MaintenanceIntervals(Duration.ofMinutes(1), Duration.ofMinutes(5)), transport,
                new NodeContext(Clock.systemUTC(), loop, random));
    }

    @AfterEach
    void stop() {
        joiner.stop();
        loop.close(Duration.ofSeconds(5));
        outside.close();
    }

    private String dhtUrl() {
        return "ws://127.0.0.1:" + root.getPort() + "/dht";
    }

    @Test
    void joinMustFailWhenAnotherNodeAnswersAtTheAddress() throws Exception {
        Contact impostor = new Contact(NodeIdentity.generate().id(), dhtUrl());

        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> joiner.join(impostor).get(20, TimeUnit.SECONDS));

        assertTrue(refused.getCause().getMessage().contains("not the expected " + impostor.id()),
                refused.getCause().getMessage());
        assertTrue(joiner.knownContacts().get(5, TimeUnit.SECONDS).stream()
                .noneMatch(contact -> contact.id().equals(impostor.id())), "the impostor id is not learned");
        Contact real = node.running().dht().contact();
        assertEquals(real.id(), joiner.join(new Contact(real.id(), dhtUrl())).get(20, TimeUnit.SECONDS).id());
    }

    @Test
    void verifyMustFailWhenAnotherNodeAnswersAtTheAddress() throws Exception {
        Contact impostor = new Contact(NodeIdentity.generate().id(), dhtUrl());

        assertThrows(ExecutionException.class, () -> joiner.verify(impostor).get(20, TimeUnit.SECONDS));
        Contact real = node.running().dht().contact();
        assertEquals(real.id(), joiner.verify(new Contact(real.id(), dhtUrl())).get(20, TimeUnit.SECONDS).id());
    }
}
