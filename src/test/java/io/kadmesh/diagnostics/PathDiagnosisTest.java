package io.kadmesh.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.diagnostics.StepResult.Outcome;
import io.kadmesh.testing.FakeServer;
import io.kadmesh.transport.handshake.HandshakeTransport;

/** Each broken endpoint, served for real on 127.0.0.1, named by the step that fails and its cause. */
@Timeout(30)
class PathDiagnosisTest {

    private static final Bounds QUICK = new Bounds(Duration.ofMillis(800), Duration.ofSeconds(3));

    private static PathReport diagnose(Endpoint.Role role, String url) {
        DiagnosisReport report = new Diagnosis(List.of(Endpoint.parse(role, url)), QUICK).run();
        return report.paths().get(0);
    }

    private static void assertFailsAt(Step step, PathReport path, String... causeParts) {
        assertNotNull(path.finding(), "expected a failure at " + step + ", got " + path.steps());
        assertEquals(step, path.finding().step(), path.finding().toString());
        for (String part : causeParts) {
            assertTrue(path.finding().cause().contains(part), "'" + part + "' not in: " + path.finding().cause());
        }
        StepResult failed = path.steps().stream().filter(s -> s.step() == step).findFirst().orElseThrow();
        assertEquals(Outcome.FAILED, failed.outcome());
        assertTrue(path.steps().stream().filter(s -> s.step().compareTo(step) > 0)
                .allMatch(s -> s.outcome() == Outcome.SKIPPED), path.steps().toString());
    }

    @Test
    void aWebPageAnsweringTheUpgradeIsNamedWithItsStatusTypeAndBody() throws IOException {
        String page = "<!doctype html>\n<html><head><title>Welcome</title></head><body>hi</body></html>";
        try (FakeServer server = new FakeServer(FakeServer.webPage(page))) {
            PathReport path = diagnose(Endpoint.Role.BOOTSTRAP, "ws://127.0.0.1:" + server.port() + "/ws");

            assertFailsAt(Step.UPGRADE, path, "HTTP 200", "serves a web page (text/html)", "<!doctype html>",
                    "at /ws");
            assertTrue(path.finding().next().contains("/bootstrap"), path.finding().next());
        }
    }

    @Test
    void aClosedPortIsRefusedAtTcp() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        PathReport path = diagnose(Endpoint.Role.NODE, "ws://127.0.0.1:" + port + "/dht");

        assertFailsAt(Step.TCP, path, "connection refused: nothing listens on 127.0.0.1:" + port);
        assertEquals(Outcome.PASSED, path.steps().get(0).outcome());
    }

    @Test
    void aServerThatTakesTheWebSocketAndNeverSpeaksFailsTheHelloWithinTheStepTimeout() throws IOException {
        try (FakeServer server = new FakeServer(FakeServer::switchProtocols)) {
            long start = System.nanoTime();
            PathReport path = diagnose(Endpoint.Role.NODE, "ws://127.0.0.1:" + server.port() + "/dht");
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertFailsAt(Step.HELLO, path, "upgrade accepted but no hello within 800 ms",
                    "not a Kadmesh endpoint, or a protocol version mismatch");
            assertTrue(millis < QUICK.total().toMillis() + 1000, "took " + millis + " ms");
        }
    }

    @Test
    void aBootstrapThatNeverSendsItsChallengeIsNamedToo() throws IOException {
        try (FakeServer server = new FakeServer(FakeServer::switchProtocols)) {
            PathReport path = diagnose(Endpoint.Role.BOOTSTRAP, "ws://127.0.0.1:" + server.port() + "/bootstrap");

            assertFailsAt(Step.HELLO, path, "upgrade accepted but no challenge within 800 ms");
        }
    }

    @Test
    void aPeerSpeakingAnotherProtocolVersionIsAMismatch() throws IOException {
        try (FakeServer server = new FakeServer(FakeServer.upgradeThenSay(FakeServer.hello(3)))) {
            PathReport path = diagnose(Endpoint.Role.NODE, "ws://127.0.0.1:" + server.port() + "/dht");

            assertFailsAt(Step.HELLO, path, "protocol version mismatch", "unsupported protocol version 3");
        }
    }

    @Test
    void aNodeThatRefusesThisSidesVersionIsAMismatchNamedAsTheNodesRefusal() throws IOException {
        int ours = HandshakeTransport.PROTOCOL_VERSION;
        String refusal = "unsupported protocol version " + ours + " (this node speaks " + (ours + 1) + ")";
        try (FakeServer server = new FakeServer((socket, key) -> {
            FakeServer.switchProtocols(socket, key);
            FakeServer.sendText(socket, FakeServer.hello(ours));
            FakeServer.sendClose(socket, 1002, refusal);
        })) {
            PathReport path = diagnose(Endpoint.Role.NODE, "ws://127.0.0.1:" + server.port() + "/dht");

            assertFailsAt(Step.HELLO, path, "protocol version mismatch: the node refused this side's version " + ours,
                    refusal);
            assertTrue(path.finding().next().contains("upgrade the older one"), path.finding().next());
        }
    }

    @Test
    void aBootstrapChallengingInAnotherVersionIsAMismatch() throws IOException {
        int theirs = 99; // a version far ahead of any this build speaks
        try (FakeServer server = new FakeServer(FakeServer.upgradeThenSay("{\"type\":\"challenge\",\"version\":" + theirs
                + ",\"nodeId\":\"" + "ab".repeat(20) + "\",\"publicKey\":\"" + "A".repeat(43) + "=\",\"nonce\":\""
                + "A".repeat(43) + "=\"}"))) {
            PathReport path = diagnose(Endpoint.Role.BOOTSTRAP, "ws://127.0.0.1:" + server.port() + "/bootstrap");

            assertFailsAt(Step.HELLO, path, "protocol version mismatch: unsupported bootstrap protocol version " + theirs);
            assertTrue(path.finding().next().contains("same Kadmesh version on both sides"), path.finding().next());
        }
    }

    @Test
    void aServerThatIsNoRunningBootstrapSaysSo() throws IOException {
        try (FakeServer server = new FakeServer(
                FakeServer.upgradeThenSay("{\"type\":\"error\",\"message\":\"this node is not a bootstrap\"}"))) {
            PathReport path = diagnose(Endpoint.Role.BOOTSTRAP, "ws://127.0.0.1:" + server.port() + "/bootstrap");

            assertFailsAt(Step.HELLO, path, "this node is not a bootstrap", "no running bootstrap");
        }
    }

    @Test
    void aPortThatAcceptsButNeverAnswersHttpFailsTheUpgradeInTime() throws IOException {
        try (FakeServer server = new FakeServer((socket, key) -> {
        })) {
            PathReport path = diagnose(Endpoint.Role.NODE, "ws://127.0.0.1:" + server.port() + "/dht");

            assertFailsAt(Step.UPGRADE, path, "no answer to the WebSocket upgrade within");
        }
    }

    @Test
    void aPortThatSpeaksSomethingElseIsNotHttp() throws IOException {
        try (FakeServer server = new FakeServer((socket, key) -> FakeServer.write(socket, "SSH-2.0-OpenSSH_9.6\r\n\r\n"))) {
            PathReport path = diagnose(Endpoint.Role.NODE, "ws://127.0.0.1:" + server.port() + "/dht");

            assertFailsAt(Step.UPGRADE, path, "did not answer in HTTP", "SSH-2.0");
        }
    }

    @Test
    void aFalse101IsCaughtAtOpen() throws IOException {
        try (FakeServer server = new FakeServer((socket, key) -> FakeServer.write(socket,
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: bm90IGl0\r\n\r\n"))) {
            PathReport path = diagnose(Endpoint.Role.NODE, "ws://127.0.0.1:" + server.port() + "/dht");

            assertFailsAt(Step.OPEN, path, "not as a WebSocket server would");
        }
    }
}
