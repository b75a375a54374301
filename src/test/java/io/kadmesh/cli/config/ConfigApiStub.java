package io.kadmesh.cli.config;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A node's live-configuration REST endpoints, canned: {@code GET /api/config} and
 * {@code GET /api/config/history} answer the documents last set, on 127.0.0.1.
 */
final class ConfigApiStub implements AutoCloseable {

    private final HttpServer server;
    private volatile String config = "{}";
    private volatile String history = "{}";
    private volatile String applied = "";
    private volatile String laterHistory;
    private final AtomicInteger historyReads = new AtomicInteger();

    ConfigApiStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/api/config/history", exchange -> answer(exchange,
                historyReads.getAndIncrement() > 0 && laterHistory != null ? laterHistory : history));
        server.createContext("/api/config", exchange -> answer(exchange, config));
        server.start();
    }

    /** The node's base URL. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The node runs {@code commit}; {@code rejected} is the commit it refused, or null. */
    ConfigApiStub runs(String commit, String rejected) {
        String rejection = rejected == null ? "null"
                : "{\"commit\": \"" + rejected + "\", \"reason\": \"kadmesh.connections.min: 0 is outside 1 to 256\", "
                        + "\"at\": \"2026-01-05T10:00:00Z\"}";
        config = "{\"commit\": " + quoted(commit) + ", \"appliedAt\": \"2026-01-05T10:00:00Z\", \"profile\": \"default\", "
                + "\"source\": \"git\", \"settings\": {\"kadmesh.profile\": \"default\", \"kadmesh.connections.min\": \"3\"}, "
                + "\"rejected\": " + rejection
                + ", \"repo\": {\"uri\": \"http://git\", \"reachable\": true, \"lastFetch\": null, \"error\": null}}";
        return this;
    }

    /** The node's history: health now, then {@code applied} entries, newest first, as JSON objects. */
    ConfigApiStub history(String now, String... applied) {
        this.applied = String.join(", ", applied);
        history = "{\"now\": " + now + ", \"applied\": [" + this.applied + "]}";
        return this;
    }

    /** From the second read of the history on, health now is {@code now}; the applied entries stay. */
    ConfigApiStub thenNow(String now) {
        laterHistory = "{\"now\": " + now + ", \"applied\": [" + applied + "]}";
        return this;
    }

    /** A health document. */
    static String health(boolean ready, int connections, Double lookupMillis) {
        return "{\"at\": \"2026-01-05T10:00:00Z\", \"ready\": " + ready + ", \"connections\": " + connections
                + ", \"lookupMillis\": " + lookupMillis + "}";
    }

    /** An entry of {@code applied}: the commit and the health the node measured when it applied it. */
    static String applied(String commit, String health) {
        return "{\"commit\": \"" + commit + "\", \"appliedAt\": \"2026-01-05T10:00:00Z\", \"health\": " + health + "}";
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
