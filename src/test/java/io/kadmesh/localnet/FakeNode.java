package io.kadmesh.localnet;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the node's main class, packed alone into a fake {@code quarkus-run.jar}: it reads
 * the properties a node is started with, keeps an id in the key file, and answers
 * {@code /q/health/ready}, {@code /api/node} and {@code /api/dht/find-node} on its port. It turns
 * ready {@link #READY_DELAY_MILLIS} after the first readiness check, so that a readiness wait
 * measures a known least time. Only JDK classes: the jar holds this one class file.
 */
public final class FakeNode {

    /** How long after the first {@code /q/health/ready} request it answers 200; 503 before. */
    public static final long READY_DELAY_MILLIS = 300;

    private static final AtomicLong FIRST_READINESS_CHECK = new AtomicLong(Long.MIN_VALUE);

    private FakeNode() {
    }

    /** Serves until killed; exits 3 when a node has no bootstrap URL. */
    public static void main(String[] args) throws IOException {
        String role = System.getProperty("kadmesh.role");
        String bootstraps = System.getProperty("kadmesh.bootstrap.urls", "");
        System.out.println("fake node " + role + " " + String.join(" ", args) + " bootstraps [" + bootstraps + "]");
        if ("node".equals(role) && bootstraps.isEmpty()) {
            System.exit(3);
        }
        String id = identity(Path.of(System.getProperty("kadmesh.identity.key-file")));
        int port = Integer.parseInt(System.getProperty("quarkus.http.port"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 16);
        server.createContext("/q/health/ready", exchange -> {
            boolean ready = ready(System.nanoTime());
            answer(exchange, ready ? 200 : 503, ready ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
        });
        server.createContext("/api/node", exchange -> answer(exchange, 200, "{\"nodeId\":\"" + id + "\",\"role\":\"" + role
                + "\",\"ready\":true,\"routingTableSize\":0,\"connections\":[],\"config\":{\"commit\":\"fake\"}}"));
        String url = System.getProperty("kadmesh.advertised-url");
        server.createContext("/api/dht/find-node", exchange -> answer(exchange, 200, "{\"closest\":[{\"nodeId\":\"" + id
                + "\",\"url\":\"" + url + "\"}],\"hops\":0,\"durationMs\":0}"));
        server.start();
    }

    private static boolean ready(long nowNanos) {
        FIRST_READINESS_CHECK.compareAndSet(Long.MIN_VALUE, nowNanos);
        return nowNanos - FIRST_READINESS_CHECK.get() >= READY_DELAY_MILLIS * 1_000_000;
    }

    private static String identity(Path keyFile) throws IOException {
        if (!Files.exists(keyFile)) {
            byte[] id = new byte[20];
            new SecureRandom().nextBytes(id);
            Files.writeString(keyFile, HexFormat.of().formatHex(id), StandardCharsets.UTF_8);
        }
        return Files.readString(keyFile, StandardCharsets.UTF_8).trim();
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
