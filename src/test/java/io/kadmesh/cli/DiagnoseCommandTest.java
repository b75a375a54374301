package io.kadmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kadmesh.testing.FakeServer;
import io.kadmesh.testing.SelfSignedTls;
import picocli.CommandLine;

/**
 * {@code kadmesh diagnose}: a wrong command line is refused with exit status 2 and the reason, before
 * anything is dialed; a failing path is exit status 1, in the table or as JSON. The broken endpoints are
 * served for real on 127.0.0.1, by {@link FakeServer}, and run through the command as a user runs it.
 */
class DiagnoseCommandTest {

    /** Short bounds, so that a silent endpoint fails quickly: a step waits at most a second. */
    private static final List<String> QUICK = List.of("--no-webrtc", "--step-timeout", "1s", "--timeout", "3s");

    @Test
    void aWrongCommandLineIsRefusedSayingWhy() {
        assertRefused("name at least one --bootstrap or --node URL");
        assertRefused("must start with ws://, wss://, http:// or https://", "--node", "ftp://127.0.0.1/dht");
        assertRefused("is not a URL such as ws://host:port/dht", "--node", "127.0.0.1:8080");
        assertRefused("timeouts must be at least 100 ms", "--node", "ws://127.0.0.1:1/dht", "--step-timeout", "10ms");
        assertRefused("must be at least a step's", "--node", "ws://127.0.0.1:1/dht", "--timeout", "1s");
        assertRefused("is not a duration", "--node", "ws://127.0.0.1:1/dht", "--timeout", "soon");
        assertRefused("at most 32 URLs", manyNodes(33));
    }

    @Test
    void aClosedPortFailsWithStatusOneInTheTableAndAsJson() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        String url = "ws://127.0.0.1:" + port + "/dht";

        Run table = run("--no-webrtc", "--node", url);
        assertEquals(1, table.status(), table.out());
        assertTrue(table.out().contains("FAILED at tcp"), table.out());
        assertTrue(table.out().contains("verdict: 1 of 1 paths fail"), table.out());
        assertTrue(table.out().contains("bounded at 5 s a step, 10 s in all"), table.out());

        Run json = run("--no-webrtc", "--json", "--node", url);
        assertEquals(1, json.status(), json.out());
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertEquals(false, report.path("healthy").asBoolean());
        assertEquals("tcp", report.path("paths").get(0).path("failedStep").asText());
        assertTrue(report.path("paths").get(0).path("cause").asText().startsWith("connection refused"));
    }

    @Test
    @Timeout(30)
    void aWebPageAnsweringTheUpgradeIsNamed() throws IOException {
        String page = "<!doctype html>\n<html><head><title>Welcome</title></head><body>hi</body></html>";
        try (FakeServer server = new FakeServer(FakeServer.webPage(page))) {
            assertFailsAt("upgrade", "ws://127.0.0.1:" + server.port() + "/ws", "HTTP 200",
                    "serves a web page (text/html)", "<!doctype html>");
        }
    }

    @Test
    @Timeout(30)
    void aServerThatTakesTheWebSocketAndNeverSpeaksFailsTheHelloWithinTheStepTimeout() throws IOException {
        try (FakeServer server = new FakeServer(FakeServer::switchProtocols)) {
            assertFailsAt("hello", "ws://127.0.0.1:" + server.port() + "/dht", "upgrade accepted but no hello within 1 s",
                    "not a Kadmesh endpoint, or a protocol version mismatch");
        }
    }

    @Test
    @Timeout(30)
    void aNodeSpeakingAnotherProtocolVersionIsAMismatch() throws IOException {
        try (FakeServer server = new FakeServer(FakeServer.upgradeThenSay(FakeServer.hello(3)))) {
            assertFailsAt("hello", "ws://127.0.0.1:" + server.port() + "/dht", "protocol version mismatch",
                    "unsupported protocol version 3");
        }
    }

    @Test
    @Timeout(60)
    void anUntrustedCertificateIsNamedAtTls(@TempDir Path dir) throws Exception {
        try (FakeServer server = new FakeServer(SelfSignedTls.listen(dir), FakeServer::switchProtocols)) {
            assertFailsAt("tls", "wss://127.0.0.1:" + server.port() + "/dht", "the server's certificate is not trusted",
                    "self-signed");
        }
    }

    /**
     * Diagnoses the node at {@code url} twice, as a table and as JSON, within {@link #QUICK} bounds: both
     * must exit with status 1; the table must say the path failed at {@code step} and give a cause with
     * every one of {@code causeParts}; the JSON must name {@code step} as the failed one, and such a cause.
     */
    private static void assertFailsAt(String step, String url, String... causeParts) throws IOException {
        Run table = run(args(url));
        assertEquals(1, table.status(), table.out() + table.err());
        assertTrue(table.out().contains("FAILED at " + step), table.out());
        assertNames(causeLine(table.out()), causeParts);

        Run json = run(args(url, "--json"));
        assertEquals(1, json.status(), json.out() + json.err());
        JsonNode path = new ObjectMapper().readTree(json.out()).path("paths").get(0);
        assertEquals(step, path.path("failedStep").asText(), path.toPrettyString());
        assertNames(path.path("cause").asText(), causeParts);
    }

    private static void assertNames(String cause, String... parts) {
        for (String part : parts) {
            assertTrue(cause.contains(part), "'" + part + "' not in: " + cause);
        }
    }

    /** The {@link #QUICK} options, then {@code options}, then {@code url} as the one node. */
    private static String[] args(String url, String... options) {
        List<String> args = new ArrayList<>(QUICK);
        args.addAll(List.of(options));
        args.addAll(List.of("--node", url));
        return args.toArray(String[]::new);
    }

    /** The table's first {@code cause:} line, stripped. */
    private static String causeLine(String table) {
        return table.lines().map(String::strip).filter(line -> line.startsWith("cause: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no cause in: " + table));
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = new CommandLine(new DiagnoseCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    private static void assertRefused(String expected, String... args) {
        Run run = run(args);
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().contains(expected), "'" + expected + "' not in: " + run.err());
    }

    private static String[] manyNodes(int count) {
        String[] args = new String[2 * count];
        for (int i = 0; i < count; i++) {
            args[2 * i] = "--node";
            args[2 * i + 1] = "ws://127.0.0.1:" + (1000 + i) + "/dht";
        }
        return args;
    }
}
