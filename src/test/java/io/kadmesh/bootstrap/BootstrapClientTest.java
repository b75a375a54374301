package io.kadmesh.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.node.NodeRuntime;
import io.kadmesh.transport.TransportStackFactory;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Registering with a bootstrap over real WebSockets: the answer, and the report of a wrong URL. */
@QuarkusTest
class BootstrapClientTest {

    @Inject
    TransportStackFactory transports;

    @Inject
    NodeRuntime runtime;

    @TestHTTPResource("/")
    URL root;

    private final Contact newcomer = new Contact(NodeId.fromHex("12".repeat(20)), "ws://127.0.0.1:1/dht");

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

        assertEquals(List.of(runtime.dht().contact()), peers);
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
    void mustAnswerBadRegistrationsWithAnErrorAndKeepServing() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BootstrapMessages.parseIntroductions(BootstrapMessages.error("registry full"))).getMessage()
                .contains("registry full"));
        assertThrows(IllegalArgumentException.class, () -> BootstrapMessages.parseRegister("{\"type\":\"register\"}"));
        assertThrows(IllegalArgumentException.class, () -> BootstrapMessages.parseRegister("x".repeat(5000)));
        assertThrows(IllegalArgumentException.class, () -> BootstrapMessages.parseRegister("[1,2]"));
    }
}
