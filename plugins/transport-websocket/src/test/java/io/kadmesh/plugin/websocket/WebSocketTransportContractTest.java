package io.kadmesh.plugin.websocket;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Timeout;

import io.kadmesh.spi.transport.Transport;
import io.kadmesh.spi.transport.TransportContract;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The WebSocket plugin keeps the transport contract, dialing its own {@code /dht} over loopback. It
 * runs in an application of its own ({@link OwnApp}): in one shared with the other WebSocket tests, a
 * link another test class opened could reach this class's listener late and count as one of its own.
 */
@QuarkusTest
@TestProfile(WebSocketTransportContractTest.OwnApp.class)
@Timeout(60)
class WebSocketTransportContractTest extends TransportContract {

    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    @Inject
    WebSocketTransport transport;

    @TestHTTPResource("/")
    URL root;

    @Override
    protected Transport listener() {
        return transport;
    }

    @Override
    protected Transport dialer() {
        return transport;
    }

    @Override
    protected String listeningAddress() {
        return "ws://127.0.0.1:" + root.getPort() + DhtEndpoint.PATH;
    }

    @Override
    protected String missingAddress() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return "ws://127.0.0.1:" + probe.getLocalPort() + DhtEndpoint.PATH;
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port to leave unused", e);
        }
    }

    @Override
    protected void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + BOUND_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail(what + " within 10 s");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** The WebSocket tests' settings, in an application started for this class alone. */
    public static class OwnApp extends WebSocketTestProfile {
    }
}
