package io.kadmesh.plugin.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.TransportException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;

/** The phase and cause of each kind of dial failure, from the exceptions the client throws. */
class DialFailuresTest {

    private static final DialTarget TARGET = DialTarget.parse("ws://peer.example:8080/dht", "/dht");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void anUnknownHostIsADnsFailure() {
        TransportException error = describe(new UnknownHostException("peer.example: Name or service not known"));
        assertEquals(Phase.DNS, error.phase());
        assertTrue(error.getMessage().contains("unknown host peer.example"), error.getMessage());
    }

    @Test
    void refusedTimedOutAndUnreachableAreConnectFailures() {
        assertConnect(new ConnectException("Connection refused: /10.0.0.1:8080"), "connection refused");
        assertConnect(new ConnectTimeoutException("connection timed out: /10.0.0.1:8080"),
                "connection timed out after 5 s");
        assertConnect(new NoRouteToHostException("No route to host"), "host unreachable");
        assertConnect(new SocketException("Network is unreachable"), "network unreachable");
    }

    @Test
    void causesAreFoundInsideWrappers() {
        TransportException error = describe(new CompletionException(new ConnectException("Connection refused")));
        assertEquals(Phase.CONNECT, error.phase());
    }

    @Test
    void tlsFailuresSayWhatWentWrong() {
        TransportException plain = describe(new SSLHandshakeException("not an SSL/TLS record: 485454502f312e30"));
        assertEquals(Phase.TLS, plain.phase());
        assertTrue(plain.getMessage().contains("answered in plain HTTP, so dial ws://"), plain.getMessage());

        TransportException garbage = describe(new SSLHandshakeException("not an SSL/TLS record: 00ff"));
        assertTrue(garbage.getMessage().contains("does not speak TLS"), garbage.getMessage());

        SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
        untrusted.initCause(new CertificateException("unable to find valid certification path"));
        assertTrue(describe(untrusted).getMessage().contains("certificate is not trusted"));
    }

    @Test
    void aRejectedUpgradeQuotesStatusAndBody() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Location", "wss://peer.example/dht");
        TransportException error = describe(new UpgradeRejectedException("WebSocket upgrade failure: 301", 301, headers,
                Buffer.buffer("moved", StandardCharsets.UTF_8.name())));
        assertEquals(Phase.UPGRADE, error.phase());
        assertTrue(error.getMessage().contains("HTTP 301"), error.getMessage());
        assertTrue(error.getMessage().contains("\"moved\""), error.getMessage());
        assertTrue(error.getMessage().contains("a redirect to wss://peer.example/dht"), error.getMessage());
    }

    @Test
    void aConnectionClosedDuringTheUpgradeIsAnUpgradeFailure() {
        TransportException error = describe(new WebSocketHandshakeException("Connection closed while handshake in process"));
        assertEquals(Phase.UPGRADE, error.phase());
    }

    @Test
    void anUnansweredUpgradeNamesTheDeadline() {
        TransportException error = DialFailures.unanswered(TARGET, Duration.ofSeconds(15));
        assertEquals(Phase.UPGRADE, error.phase());
        assertTrue(error.getMessage().contains("within 15 s"), error.getMessage());
    }

    private static void assertConnect(Throwable failure, String expected) {
        TransportException error = describe(failure);
        assertEquals(Phase.CONNECT, error.phase(), error.getMessage());
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    private static TransportException describe(Throwable failure) {
        return DialFailures.describe(TARGET, failure, TIMEOUT);
    }
}
