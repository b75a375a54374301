package io.kadmesh.localnet;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that makes one node process what it is, kept across its restarts: the same port, the
 * same data directory and so the same key, hence the same node id.
 *
 * @param name how the node is called in output and in its directory name, e.g. {@code node-03}
 * @param role bootstrap or node
 * @param port its HTTP port on 127.0.0.1: REST, health and WebSockets
 * @param dataDir holds its key file and its log
 * @param bootstrapUrls the bootstraps' onboarding URLs ({@code ws://…/bootstrap}); empty for a
 *        bootstrap
 */
public record NodeSpec(String name, NodeRole role, int port, Path dataDir, List<String> bootstrapUrls) {

    /** Lowest live connections a ready node holds. */
    public static final int MIN_CONNECTIONS = 3;
    /** Most live connections a node holds. */
    public static final int MAX_CONNECTIONS = 8;

    public NodeSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must be set");
        }
        Objects.requireNonNull(role, "role must be set");
        requirePort(port);
        Objects.requireNonNull(dataDir, "dataDir must be set");
        bootstrapUrls = List.copyOf(Objects.requireNonNull(bootstrapUrls, "bootstrapUrls must be set"));
        if (role == NodeRole.NODE && bootstrapUrls.isEmpty()) {
            throw new IllegalArgumentException("bootstrapUrls must name at least one bootstrap for " + name);
        }
    }

    /** Fails unless {@code port} is a TCP port a node can listen on (1..65535). */
    static int requirePort(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 1..65535, got " + port);
        }
        return port;
    }

    /** Base URL of its REST API, e.g. {@code http://127.0.0.1:8081}. */
    public String restUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The URL peers reach its DHT WebSocket at: its {@code kadmesh.advertised-url}. */
    public String advertisedUrl() {
        return "ws://127.0.0.1:" + port + "/dht";
    }

    /** The URL new nodes onboard at, meaningful for a bootstrap. */
    public String onboardingUrl() {
        return "ws://127.0.0.1:" + port + "/bootstrap";
    }

    /** Its Ed25519 key file, created by the node on first start. */
    public Path keyFile() {
        return dataDir.resolve("node.key");
    }

    /** Where its stdout and stderr go, appended across restarts. */
    public Path logFile() {
        return dataDir.resolve("node.log");
    }

    /** The configuration it is started with, as system properties in a stable order. */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.host", "127.0.0.1");
        properties.put("quarkus.http.port", Integer.toString(port));
        properties.put("kadmesh.role", role.property());
        properties.put("kadmesh.advertised-url", advertisedUrl());
        properties.put("kadmesh.bootstrap.urls", String.join(",", bootstrapUrls));
        properties.put("kadmesh.identity.key-file", keyFile().toString());
        properties.put("kadmesh.connections.min", Integer.toString(MIN_CONNECTIONS));
        properties.put("kadmesh.connections.max", Integer.toString(MAX_CONNECTIONS));
        return properties;
    }
}
