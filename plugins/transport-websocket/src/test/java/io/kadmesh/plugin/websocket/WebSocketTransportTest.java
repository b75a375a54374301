package io.kadmesh.plugin.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.PeerLink.Direction;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.TransportException;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.BasicWebSocketConnector.ExecutionModel;
import io.quarkus.websockets.next.WebSocketClientConnection;

/**
 * Links between this app's transport and its own {@code /dht} endpoint, over loopback. It runs in an
 * application of its own ({@link OwnApp}): in one shared with the other WebSocket tests, a link
 * another test class opened could reach this class's listener late and count as one of its own (it
 * failed once so in CI).
 */
@QuarkusTest
@TestProfile(WebSocketTransportTest.OwnApp.class)
class WebSocketTransportTest {

    /** The WebSocket tests' settings, in an application started for this class alone. */
    public static class OwnApp extends WebSocketTestProfile {
    }

    private static final int FRAMES = 1_000;
    private static final long WAIT_SECONDS = 20;

    @Inject
    WebSocketTransport transport;

    @TestHTTPResource("/")
    URL root;

    private RecordingLinkHandler server;

    @BeforeEach
    void listen() {
        server = new RecordingLinkHandler(FRAMES);
        transport.listen(server);
    }

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void framesTravelBothWaysInOrder() throws Exception {
        RecordingLinkHandler client = new RecordingLinkHandler(FRAMES);
        PeerLink outbound = await(transport.dial(dhtUrl(), client));
        PeerLink inbound = await(server.opened);
        List<String> expected = IntStream.range(0, FRAMES).mapToObj(i -> "frame " + i).toList();

        expected.forEach(outbound::send);
        assertEquals(expected, await(server.frames));
        expected.forEach(inbound::send);
        assertEquals(expected, await(client.frames));

        assertEquals(List.of(), server.misbehaviour);
        assertEquals(List.of(), client.misbehaviour);
        assertEquals(Direction.OUTBOUND, outbound.direction());
        assertEquals(dhtUrl(), outbound.remoteAddress());
        assertEquals(Direction.INBOUND, inbound.direction());
        assertTrue(inbound.remoteAddress().startsWith("ws://127.0.0.1:"), inbound.remoteAddress());
        assertEquals("websocket", inbound.transportId());
    }

    @Test
    void closeCodeReachesTheOtherSide() throws Exception {
        RecordingLinkHandler client = new RecordingLinkHandler(FRAMES);
        PeerLink outbound = await(transport.dial(dhtUrl(), client));
        await(server.opened);

        outbound.close(4000, "bye");

        assertEquals("4000 bye", await(server.closed));
        await(client.closed);
        assertFalse(outbound.isOpen());
    }

    @Test
    void sendingOnAClosedLinkFailsInTheSendPhase() throws Exception {
        RecordingLinkHandler client = new RecordingLinkHandler(FRAMES);
        PeerLink outbound = await(transport.dial(dhtUrl(), client));
        outbound.close(1000, "done");
        await(client.closed);

        ExecutionException failure = assertThrows(ExecutionException.class, () -> await(outbound.send("late")));

        TransportException error = assertInstanceOf(TransportException.class, failure.getCause());
        assertEquals(Phase.SEND, error.phase());
    }

    @Test
    void peersArrivingBeforeListenAreToldNotReady() throws Exception {
        transport.close();
        RecordingLinkHandler client = new RecordingLinkHandler(FRAMES);

        await(transport.dial(dhtUrl(), client));

        assertEquals("1013 not ready", await(client.closed));
    }

    @Test
    void binaryFramesCloseTheLinkWith1003() throws Exception {
        CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        WebSocketClientConnection connection = BasicWebSocketConnector.create()
                .baseUri("http://127.0.0.1:" + root.getPort())
                .path("/dht")
                .executionModel(ExecutionModel.NON_BLOCKING)
                .customizeOptions((connect, client) -> connect.setAllowOriginHeader(false))
                .onClose((c, reason) -> closeCode.complete(reason.getCode()))
                .connectAndAwait();

        connection.sendBinaryAndAwait(new byte[] { 1, 2, 3 });

        assertEquals(1003, await(closeCode));
        assertTrue(await(server.closed).startsWith("1003"));
    }

    private String dhtUrl() {
        return "ws://127.0.0.1:" + root.getPort() + "/dht";
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
