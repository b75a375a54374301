package io.kadmesh.bootstrap;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kadmesh.dht.Contact;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.node.NodeLifecycle;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.testing.FrameQueue;
import io.kadmesh.testing.JdkWebSocketTransport;
import io.kadmesh.transport.TransportErrors;
import io.kadmesh.transport.TransportStackFactory;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Registering with a bootstrap over real WebSockets: the answer, the report of a wrong URL, and bad
 * frames answered with errors while the endpoint keeps serving.
 */
@QuarkusTest
class BootstrapClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    TransportStackFactory transports;

    @Inject
    NodeLifecycle node;

    @TestHTTPResource("/")
    URL root;

    private final NodeIdentity newcomerIdentity = NodeIdentity.generate();
    private final Contact newcomer = new Contact(newcomerIdentity.id(), "ws://127.0.0.1:1/dht");
    private final JdkWebSocketTransport outside = new JdkWebSocketTransport();

    @BeforeEach
    void startNode() {
        node.start();
    }

    @AfterEach
    void leaveAndClose() throws Exception {
        new BootstrapClient(outside, newcomerIdentity, RANDOM, Duration.ofSeconds(5)).leave(url("/bootstrap"))
                .get(10, TimeUnit.SECONDS);
        outside.close();
    }

    private BootstrapClient client() {
        return new BootstrapClient(transports.onboardingTransport(TransportErrors.NONE), newcomerIdentity, RANDOM,
                Duration.ofSeconds(5));
    }

    private BootstrapUrl url(String path) {
        return BootstrapUrl.parse(rawUrl(path));
    }

    private String rawUrl(String path) {
        return "ws://127.0.0.1:" + root.getPort() + path;
    }

    @Test
    void mustIntroduceTheBootstrapItselfToTheFirstNewcomer() throws Exception {
        List<Contact> peers = client().register(url("/bootstrap"),
                new BootstrapMessages.Status(newcomer, false, 0)).get(10, TimeUnit.SECONDS);

        assertEquals(List.of(node.running().dht().contact()), peers);
    }

    @Test
    void mustExplainAnHttp200AnswerToTheUpgrade() {
        ExecutionException failure = assertThrows(ExecutionException.class, () -> client()
                .register(url("/q/health/live"), new BootstrapMessages.Status(newcomer, false, 0))
                .get(10, TimeUnit.SECONDS));

        String message = failure.getCause().getMessage();
        assertTrue(message.contains("HTTP 200"), message);
        assertTrue(message.contains("\"status\""), "quotes the first bytes of the body: " + message);
        assertTrue(message.contains("not a WebSocket endpoint"), "names the likely cause: " + message);
        assertTrue(message.startsWith("websocket upgrade to "), "names the transport and the phase: " + message);
    }

    @Test
    void mustAnswerBadFramesWithAnErrorAndKeepServingOnTheSameAndANewSocket() throws Exception {
        FrameQueue answers = new FrameQueue();
        PeerLink socket = outside.dial(rawUrl("/bootstrap"), answers).toCompletableFuture().get(10, TimeUnit.SECONDS);
        var challenge = BootstrapMessages.parseChallenge(answers.next());
        String id = newcomer.id().toHex();

        assertError(answers.exchange(socket, "not json at all"), "malformed JSON");
        assertError(answers.exchange(socket, "[1,2]"), "one JSON object");
        assertError(answers.exchange(socket, "{\"type\":\"register\",\"pad\":\"" + "x".repeat(5000) + "\"}"),
                "longer than 4096");
        assertError(answers.exchange(socket, "{\"type\":\"teleport\"}"), "unknown type 'teleport'");
        assertError(answers.exchange(socket, "{\"type\":\"register\"}"), "'connections'");
        assertError(answers.exchange(socket, register("12", "\"ws://127.0.0.1:1/dht\"", "false", "0")), "'nodeId'");
        assertError(answers.exchange(socket, register(id, "\"http://127.0.0.1:1/dht\"", "false", "0")), "'address'");
        assertError(answers.exchange(socket, register(id, "42", "false", "0")), "'address'");
        assertError(answers.exchange(socket, register(id, "\"ws://127.0.0.1:1/dht\"", "\"yes\"", "0")), "'ready'");
        assertError(answers.exchange(socket, register(id, "\"ws://127.0.0.1:1/dht\"", "false", "\"3\"")),
                "'connections'");
        assertError(answers.exchange(socket, register(id, "\"ws://127.0.0.1:1/dht\"", "false", "-1")),
                "'connections'");
        assertError(answers.exchange(socket, register(id, "\"ws://127.0.0.1:1/dht\"", "false", "2.5")),
                "'connections'");

        assertError(answers.exchange(socket, register(id, "\"ws://127.0.0.1:1/dht x\"", "false", "0")), "'address'");
        var status = new BootstrapMessages.Status(newcomer, false, 0);
        byte[] nonce = new byte[BootstrapMessages.NONCE_BYTES];
        String good = BootstrapMessages.register(BootstrapMessages.Register.signedBy(newcomerIdentity, status,
                challenge, nonce));
        assertError(answers.exchange(socket, good.replace("\"ready\":false", "\"ready\":true")), "'signature'");
        assertIntroducesTheBootstrap(answers.exchange(socket, good));
        FrameQueue secondAnswers = new FrameQueue();
        PeerLink second = outside.dial(rawUrl("/bootstrap"), secondAnswers).toCompletableFuture().get(10,
                TimeUnit.SECONDS);
        var secondChallenge = BootstrapMessages.parseChallenge(secondAnswers.next());
        assertError(secondAnswers.exchange(second, good), "'signature'");
        assertIntroducesTheBootstrap(secondAnswers.exchange(second, BootstrapMessages.register(
                BootstrapMessages.Register.signedBy(newcomerIdentity, status, secondChallenge, nonce))));
    }

    @Test
    void mustRefuseALeaveNotSignedByTheNodeItNames() throws Exception {
        BootstrapClient client = new BootstrapClient(outside, newcomerIdentity, RANDOM, Duration.ofSeconds(5));
        client.register(url("/bootstrap"), new BootstrapMessages.Status(newcomer, true, 3)).get(10, TimeUnit.SECONDS);
        FrameQueue answers = new FrameQueue();
        PeerLink socket = outside.dial(rawUrl("/bootstrap"), answers).toCompletableFuture().get(10, TimeUnit.SECONDS);
        var challenge = BootstrapMessages.parseChallenge(answers.next());
        var honest = BootstrapMessages.Leave.signedBy(newcomerIdentity, challenge);
        var forged = new BootstrapMessages.Leave(newcomer.id(), NodeIdentity.generate().publicKey(),
                honest.signature());
        var otherLink = BootstrapMessages.Leave.signedBy(newcomerIdentity,
                new BootstrapMessages.Challenge(challenge.bootstrapId(), challenge.publicKey(), new byte[32]));

        assertError(answers.exchange(socket, BootstrapMessages.leave(forged)), "'signature'");
        assertError(answers.exchange(socket, BootstrapMessages.leave(otherLink)), "'signature'");
        assertTrue(BootstrapMessages.parseLeft(answers.exchange(socket, BootstrapMessages.leave(honest))),
                "still registered");
        assertEquals(false, client.leave(url("/bootstrap")).get(10, TimeUnit.SECONDS), "gone");
    }

    @Test
    void mustRefuseABootstrapThatIsNotThePinnedOne() {
        BootstrapUrl pinned = BootstrapUrl.parse(rawUrl("/bootstrap") + "#" + "ab".repeat(20));

        ExecutionException refused = assertThrows(ExecutionException.class, () -> client()
                .register(pinned, new BootstrapMessages.Status(newcomer, false, 0)).get(10, TimeUnit.SECONDS));

        assertTrue(refused.getCause().getMessage().contains("pins " + "ab".repeat(20)), refused.getMessage());
        assertEquals(List.of(node.running().dht().contact()), assertDoesNotThrow(() -> client()
                .register(BootstrapUrl.parse(rawUrl("/bootstrap") + "#" + node.running().dht().id().toHex()),
                        new BootstrapMessages.Status(newcomer, false, 0))
                .get(10, TimeUnit.SECONDS)));
    }

    private static String register(String nodeId, String address, String ready, String connections) {
        return "{\"type\":\"register\",\"nodeId\":\"" + nodeId + "\",\"address\":" + address + ",\"ready\":" + ready
                + ",\"connections\":" + connections + "}";
    }

    private static void assertError(String answer, String expected) throws Exception {
        JsonNode node = JSON.readTree(answer);
        assertEquals("error", node.path("type").asText(), answer);
        assertTrue(node.path("message").asText().contains(expected), "expected '" + expected + "' in " + answer);
    }

    private void assertIntroducesTheBootstrap(String answer) {
        assertEquals(List.of(node.running().dht().contact()), BootstrapMessages.parseIntroductions(answer).peers());
    }
}
