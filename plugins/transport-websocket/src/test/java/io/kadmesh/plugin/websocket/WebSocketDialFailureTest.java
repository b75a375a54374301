package io.kadmesh.plugin.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URL;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.TransportException;
import io.kadmesh.spi.transport.UpgradeAnswer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/** Dials that fail, each in the phase and with the cause an operator needs to see. */
@QuarkusTest
@TestProfile(WebSocketTestProfile.class)
class WebSocketDialFailureTest {

    private static final long WAIT_SECONDS = 20;

    @Inject
    WebSocketTransport transport;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL root;

    @Test
    void aPortNobodyListensOnIsRefused() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }

        TransportException error = dialFailure("ws://127.0.0.1:" + freePort + "/dht");

        assertEquals(Phase.CONNECT, error.phase());
        assertTrue(error.getMessage().contains("connection refused"), error.getMessage());
    }

    @Test
    void anOrdinaryPageIsAnUpgradeFailureThatQuotesTheBody() throws Exception {
        HttpServer page = vertx.createHttpServer()
                .requestHandler(request -> request.response().putHeader("Content-Type", "text/html").end("<html>hello"))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        try {
            TransportException error = dialFailure("ws://127.0.0.1:" + page.actualPort() + "/dht");

            assertEquals(Phase.UPGRADE, error.phase());
            assertTrue(error.getMessage().contains("200"), error.getMessage());
            assertTrue(error.getMessage().contains("<html>hello"), error.getMessage());
            assertTrue(error.getMessage().contains("this path serves a web page (text/html)"), error.getMessage());
        } finally {
            page.close();
        }
    }

    @Test
    void aPathWithoutEndpointIsAnUpgradeFailure404() throws Exception {
        TransportException error = dialFailure("ws://127.0.0.1:" + root.getPort() + "/nope");

        assertEquals(Phase.UPGRADE, error.phase());
        assertTrue(error.getMessage().contains("HTTP 404"), error.getMessage());
        assertTrue(error.getMessage().contains(UpgradeAnswer.NO_ENDPOINT), error.getMessage());
    }

    @Test
    void tlsToAPlainPortIsATlsFailure() throws Exception {
        TransportException error = dialFailure("wss://127.0.0.1:" + root.getPort() + "/dht");

        assertEquals(Phase.TLS, error.phase());
        assertTrue(error.getMessage().contains("answered in plain HTTP"), error.getMessage());
    }

    private TransportException dialFailure(String address) throws Exception {
        RecordingLinkHandler handler = new RecordingLinkHandler(1);
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> transport.dial(address, handler).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS));
        return assertInstanceOf(TransportException.class, failure.getCause());
    }
}
