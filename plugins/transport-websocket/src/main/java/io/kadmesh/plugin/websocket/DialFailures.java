package io.kadmesh.plugin.websocket;

import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;

import javax.net.ssl.SSLException;

import io.kadmesh.spi.transport.Failures;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.TransportException;
import io.kadmesh.spi.transport.UpgradeAnswer;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.vertx.core.http.UpgradeRejectedException;

/**
 * Turns whatever a failed dial threw into a {@link TransportException} that names the phase and the
 * cause in an operator's words: an unknown host (DNS), a refused, unreachable or silent port
 * (CONNECT), a TLS failure, or an upgrade answered with something other than 101 (UPGRADE).
 */
final class DialFailures {

    /** "HTTP" in hex, as Netty quotes the start of a record that is not TLS. */
    private static final String HTTP_IN_HEX = "48545450";

    /** How much of a low-level message an error quotes. */
    private static final int MESSAGE_CHARS = 120;

    private DialFailures() {
    }

    /** The error for a dial to {@code target} that failed with {@code failure}. */
    static TransportException describe(DialTarget target, Throwable failure, Duration connectTimeout) {
        Verdict verdict = judge(target, failure, connectTimeout);
        return new TransportException(WebSocketTransport.ID, target.address(), verdict.phase(), verdict.detail(), failure);
    }

    /** The error for a dial that had not opened when its deadline passed. */
    static TransportException unanswered(DialTarget target, Duration deadline) {
        return new TransportException(WebSocketTransport.ID, target.address(), Phase.UPGRADE,
                "no answer to the WebSocket upgrade within " + seconds(deadline) + " (the port accepted the"
                        + " connection but does not answer HTTP, or a proxy stalls)");
    }

    private static Verdict judge(DialTarget target, Throwable failure, Duration connectTimeout) {
        UpgradeRejectedException rejected = Failures.find(failure, UpgradeRejectedException.class);
        if (rejected != null) {
            return new Verdict(Phase.UPGRADE, new UpgradeAnswer(rejected.getStatus(), header(rejected, "Content-Type"),
                    header(rejected, "Location"), body(rejected)).describe());
        }
        if (Failures.find(failure, UnknownHostException.class) != null) {
            return new Verdict(Phase.DNS, "unknown host " + target.host() + " (the name does not resolve)");
        }
        if (Failures.find(failure, SSLException.class) != null || Failures.find(failure, CertificateException.class) != null) {
            return new Verdict(Phase.TLS, tlsDetail(failure));
        }
        String connectDetail = connectDetail(target, failure, connectTimeout);
        if (connectDetail != null) {
            return new Verdict(Phase.CONNECT, connectDetail);
        }
        if (Failures.find(failure, WebSocketHandshakeException.class) != null) {
            return new Verdict(Phase.UPGRADE, "the connection closed during the WebSocket upgrade (the port does not"
                    + " speak HTTP, or it expects TLS: try wss://)");
        }
        return new Verdict(Phase.UPGRADE, "the link failed before it opened: " + failure);
    }

    private static String connectDetail(DialTarget target, Throwable failure, Duration connectTimeout) {
        String hostPort = target.host() + ":" + target.port();
        if (Failures.find(failure, SocketTimeoutException.class) != null) {
            return timedOut(hostPort, connectTimeout);
        }
        if (Failures.find(failure, NoRouteToHostException.class) != null) {
            return "host unreachable (no route to " + target.host() + ")";
        }
        SocketException socket = Failures.find(failure, SocketException.class);
        String message = socket == null || socket.getMessage() == null ? "" : socket.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("refused")) {
            return "connection refused (nothing listens on " + hostPort + ", or a firewall rejects the connection)";
        }
        if (message.contains("timed out")) {
            return timedOut(hostPort, connectTimeout);
        }
        if (message.contains("no route")) {
            return "host unreachable (no route to " + target.host() + ")";
        }
        if (message.contains("unreachable")) {
            return "network unreachable (this machine has no route to " + target.host() + ")";
        }
        return null;
    }

    private static String timedOut(String hostPort, Duration connectTimeout) {
        return "connection timed out after " + seconds(connectTimeout) + " (no answer from " + hostPort
                + ": the host is down or a firewall drops the packets)";
    }

    private static String tlsDetail(Throwable failure) {
        if (Failures.find(failure, CertificateException.class) != null) {
            return "the peer's certificate is not trusted or does not match its host: " + cut(Failures.rootMessage(failure));
        }
        String message = Failures.rootMessage(failure);
        if (message.contains("not an SSL/TLS record: " + HTTP_IN_HEX)) {
            return "the port does not speak TLS: it answered in plain HTTP, so dial ws:// instead of wss://";
        }
        if (message.contains("not an SSL/TLS record")) {
            return "the port does not speak TLS (" + cut(message) + ")";
        }
        return "the TLS handshake failed: " + cut(message);
    }

    private static String header(UpgradeRejectedException rejected, String name) {
        return rejected.getHeaders() == null ? null : rejected.getHeaders().get(name);
    }

    private static String body(UpgradeRejectedException rejected) {
        return rejected.getBody() == null ? null : rejected.getBody().toString(StandardCharsets.UTF_8);
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static String cut(String message) {
        return message.length() <= MESSAGE_CHARS ? message : message.substring(0, MESSAGE_CHARS) + "…";
    }

    /** A phase and what went wrong in it. */
    private record Verdict(Phase phase, String detail) {
    }
}
