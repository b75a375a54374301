package io.kadmesh.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kadmesh.dht.Contact;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.node.NodeLifecycle;
import io.kadmesh.transport.Eventually;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The registration attacks, each performed over a real WebSocket against the test's running
 * bootstrap, from several loopback source addresses: a flood of fake ids, overwriting another node's
 * entry, reporting another node not ready, making the bootstrap dial elsewhere, and a web page of
 * another origin opening {@code /bootstrap}.
 */
@QuarkusTest
class RegistrationAttackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    NodeLifecycle node;
    @Inject
    BootstrapRegistry registry;
    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void start() {
        node.start();
    }

    /** Leaves the registry empty for the next test class, which shares the application. */
    @AfterEach
    void forgetEveryone() {
        registry.nodes().forEach(registered -> registry.remove(registered.nodeId()));
    }

    /** Registers {@code identity} at {@code address} over a fresh link from {@code source}; returns the answer. */
    private String register(String source, NodeIdentity identity, String address, boolean ready) throws Exception {
        try (SourceSocket socket = new SourceSocket(source, root.getPort(), "/bootstrap")) {
            return register(socket, identity, address, ready);
        }
    }

    private static String register(SourceSocket socket, NodeIdentity identity, String address, boolean ready)
            throws Exception {
        var challenge = BootstrapMessages.parseChallenge(socket.next());
        var status = new BootstrapMessages.Status(new Contact(identity.id(), address), ready, 3);
        byte[] nonce = new byte[BootstrapMessages.NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return socket.exchange(BootstrapMessages.register(BootstrapMessages.Register.signedBy(identity, status,
                challenge, nonce)));
    }

    private static String type(String answer) throws Exception {
        return JSON.readTree(answer).path("type").asText();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aFloodOfSignedFakeIdsFromOneHostMustNotTurnANewcomerAway() throws Exception {
        int refused = 0;
        try (SourceSocket attacker = new SourceSocket("127.0.0.5", root.getPort(), "/bootstrap")) {
            var challenge = BootstrapMessages.parseChallenge(attacker.next());
            for (int i = 0; i < 10_000; i++) {
                NodeIdentity fake = NodeIdentity.generate();
                var status = new BootstrapMessages.Status(new Contact(fake.id(), "ws://127.0.0.5:1/dht"), true, 3);
                byte[] nonce = new byte[BootstrapMessages.NONCE_BYTES];
                RANDOM.nextBytes(nonce);
                String answer = attacker.exchange(BootstrapMessages.register(
                        BootstrapMessages.Register.signedBy(fake, status, challenge, nonce)));
                refused += "error".equals(type(answer)) ? 1 : 0;
            }
        }
        long fromAttacker = registry.nodes().stream().filter(n -> n.source().equals("127.0.0.5")).count();
        assertEquals(64, fromAttacker, "the per-source quota holds");
        assertEquals(10_000 - 64, refused);
        String answer = register("127.0.0.6", NodeIdentity.generate(), "ws://127.0.0.6:1/dht", true);
        assertEquals("introductions", type(answer), answer);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anotherNodesEntryMustNotBeOverwrittenNorReportedNotReady() throws Exception {
        NodeIdentity victim = NodeIdentity.generate();
        NodeIdentity attacker = NodeIdentity.generate();
        assertEquals("introductions", type(register("127.0.0.1", victim, "ws://127.0.0.1:1/dht", true)));

        try (SourceSocket socket = new SourceSocket("127.0.0.3", root.getPort(), "/bootstrap")) {
            var challenge = BootstrapMessages.parseChallenge(socket.next());
            byte[] nonce = new byte[BootstrapMessages.NONCE_BYTES];
            var forged = new BootstrapMessages.Status(new Contact(victim.id(), "ws://127.0.0.3:1/dht"), false, 0);
            var signedByAttacker = BootstrapMessages.Register.signedBy(attacker, forged, challenge, nonce);
            var withVictimsKey = new BootstrapMessages.Register(forged, victim.publicKey(), nonce,
                    signedByAttacker.signature());
            String overwrite = socket.exchange(BootstrapMessages.register(signedByAttacker));
            String notReady = socket.exchange(BootstrapMessages.register(withVictimsKey));

            assertEquals("error", type(overwrite), overwrite);
            assertTrue(overwrite.contains("'signature'"), overwrite);
            assertEquals("error", type(notReady), notReady);
        }
        var entry = registry.find(victim.id()).orElseThrow();
        assertEquals("ws://127.0.0.1:1/dht", entry.url());
        assertTrue(entry.ready(), "still ready as the victim reported");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSignedRegistrationMustNotBeReplayedOnAnotherLink() throws Exception {
        NodeIdentity victim = NodeIdentity.generate();
        String captured;
        try (SourceSocket first = new SourceSocket("127.0.0.1", root.getPort(), "/bootstrap")) {
            var challenge = BootstrapMessages.parseChallenge(first.next());
            var status = new BootstrapMessages.Status(new Contact(victim.id(), "ws://127.0.0.1:1/dht"), false, 0);
            captured = BootstrapMessages.register(BootstrapMessages.Register.signedBy(victim, status, challenge,
                    new byte[BootstrapMessages.NONCE_BYTES]));
        }
        try (SourceSocket replay = new SourceSocket("127.0.0.1", root.getPort(), "/bootstrap")) {
            replay.next();
            String answer = replay.exchange(captured);
            assertEquals("error", type(answer), answer);
        }
        assertTrue(registry.find(victim.id()).isEmpty());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theBootstrapMustNotDialAnAddressOffTheRegisteringHost() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket elsewhere = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.2"))) {
            Thread listener = new Thread(() -> {
                try (Socket socket = elsewhere.accept()) {
                    accepted.incrementAndGet();
                } catch (Exception closed) {
                    // the test ended
                }
            });
            listener.setDaemon(true);
            listener.start();
            String answer = register("127.0.0.1", NodeIdentity.generate(),
                    "ws://127.0.0.2:" + elsewhere.getLocalPort() + "/dht", true);
            JsonNode reply = JSON.readTree(answer);
            assertEquals("error", reply.path("type").asText(), answer);
            assertTrue(reply.path("message").asText().contains("kadmesh.bootstrap.dialable-hosts"), answer);
            assertEquals("introductions", type(register("127.0.0.2", NodeIdentity.generate(),
                    "ws://127.0.0.2:" + elsewhere.getLocalPort() + "/dht", true)), "its own host is allowed");
            Eventually.await("the bootstrap dials the allowed address to verify it", Duration.ofSeconds(10),
                    () -> accepted.get() == 1);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aPageOfAnotherOriginMustNotOpenBootstrap() throws Exception {
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> new SourceSocket("127.0.0.1", root.getPort(), "/bootstrap", "http://evil.example").close());
        assertTrue(refused.getCause().getMessage().contains("403"), refused.getCause().getMessage());
        try (SourceSocket good = new SourceSocket("127.0.0.1", root.getPort(), "/bootstrap", "http://good.example")) {
            assertEquals("challenge", type(good.next()));
        }
    }
}
