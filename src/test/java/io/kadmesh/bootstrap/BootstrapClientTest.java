package io.kadmesh.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
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
        new BootstrapClient(outside, Duration.ofSeconds(5))
                .leave(url("/bootstrap"), BootstrapMessages.Leave.signedBy(newcomerIdentity, Instant.now()))
                .get(10, TimeUnit.SECONDS);
        outside.close();
    }

    private BootstrapClient client() {
        return new BootstrapClient(transports.onboardingTransport(), Duration.ofSeconds(5));
    }

    private String url(String path) {
        return "ws://127.0.0.1:" + root.getPort() + path;
    }

    @Test
    void mustIntroduceTheBootstrapItselfToTheFirstNewcomer() throws Exception {
        List<Contact> peers = client().register(url("/bootstrap"),
                new BootstrapMessages.Register(newcomer, false, 0)).get(10, TimeUnit.SECONDS);

        assertEquals(List.of(node.running().dht().contact()), peers);
    }

    @Test
    void mustExplainAnHttp200AnswerToTheUpgrade() {
        ExecutionException failure = assertThrows(ExecutionException.class, () -> client()
                .register(url("/q/health/live"), new BootstrapMessages.Register(newcomer, false, 0))
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
        PeerLink socket = outside.dial(url("/bootstrap"), answers).toCompletableFuture().get(10, TimeUnit.SECONDS);
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

        String good = BootstrapMessages.register(new BootstrapMessages.Register(newcomer, false, 0));
        assertIntroducesTheBootstrap(answers.exchange(socket, good));
        FrameQueue secondAnswers = new FrameQueue();
        PeerLink second = outside.dial(url("/bootstrap"), secondAnswers).toCompletableFuture().get(10,
                TimeUnit.SECONDS);
        assertIntroducesTheBootstrap(secondAnswers.exchange(second, good));
    }

    @Test
    void mustRefuseALeaveNotSignedByTheNodeItNames() throws Exception {
        BootstrapClient client = new BootstrapClient(outside, Duration.ofSeconds(5));
        client.register(url("/bootstrap"), new BootstrapMessages.Register(newcomer, true, 3)).get(10, TimeUnit.SECONDS);
        var honest = BootstrapMessages.Leave.signedBy(newcomerIdentity, Instant.now());
        var forged = new BootstrapMessages.Leave(newcomer.id(), NodeIdentity.generate().publicKey(),
                honest.issuedAtMillis(), honest.signature());
        var stale = BootstrapMessages.Leave.signedBy(newcomerIdentity, Instant.now().minus(Duration.ofMinutes(5)));

        ExecutionException refusedKey = assertThrows(ExecutionException.class,
                () -> client.leave(url("/bootstrap"), forged).get(10, TimeUnit.SECONDS));
        ExecutionException refusedTime = assertThrows(ExecutionException.class,
                () -> client.leave(url("/bootstrap"), stale).get(10, TimeUnit.SECONDS));

        assertTrue(refusedKey.getCause().getMessage().contains("signature"), refusedKey.getCause().getMessage());
        assertTrue(refusedTime.getCause().getMessage().contains("issuedAt"), refusedTime.getCause().getMessage());
        assertEquals(true, client.leave(url("/bootstrap"), honest).get(10, TimeUnit.SECONDS), "still registered");
        assertEquals(false, client.leave(url("/bootstrap"), honest).get(10, TimeUnit.SECONDS), "gone");
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
        assertEquals(List.of(node.running().dht().contact()), BootstrapMessages.parseIntroductions(answer));
    }
}
