package io.kadmesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/**
 * {@code kadmesh diagnose}: a wrong command line is refused with exit status 2 and the reason, before
 * anything is dialed; a failing path is exit status 1, in the table or as JSON.
 */
class DiagnoseCommandTest {

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
