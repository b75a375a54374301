package io.kadmesh.it.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kadmesh.dht.NodeId;
import io.kadmesh.localnet.NodeProcess;

/**
 * A client of one node's REST API (JSON, camelCase), for tests and benchmarks: it reads the API
 * into its own copies of the REST types, as any outside client would. Every request is bounded by a
 * timeout.
 */
public final class NodeClient {

    /** Longest a request may take: a lookup that meets dead nodes waits for their timeouts. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Longest connecting may take. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final HttpClient SHARED = newHttpClient();

    private final URI base;
    private final HttpClient http;

    /** A client of the node at {@code baseUrl} (e.g. {@code http://127.0.0.1:8081}), over {@code http}. */
    public NodeClient(String baseUrl, HttpClient http) {
        Objects.requireNonNull(baseUrl, "baseUrl must be set");
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.http = Objects.requireNonNull(http, "http must be set");
    }

    /** A client of {@code node}'s REST API over an HTTP client shared by all such clients. */
    public static NodeClient of(NodeProcess node) {
        return new NodeClient(node.restUrl(), SHARED);
    }

    /** An HTTP/1.1 client with a short connect timeout, to share among node clients. */
    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** The node's base URL. */
    public String baseUrl() {
        return base.toString();
    }

    /** {@code GET /api/node}: the node's id, role, readiness, connections. */
    public NodeStatus node() {
        return read(expect(send(get("api/node")), 200), NodeStatus.class);
    }

    /** {@code GET /api/config}: the live settings in force, their commit and source, the last rejection. */
    public JsonNode config() {
        return read(expect(send(get("api/config")), 200), JsonNode.class);
    }

    /** {@code GET /q/metrics}: the node's meters in Prometheus text. */
    public MetricsText metrics() {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("q/metrics")).timeout(REQUEST_TIMEOUT)
                .header("Accept", "text/plain").GET().build();
        return new MetricsText(expect(send(request), 200).body());
    }

    /** {@code GET /api/diagnostics}: the node's diagnosis of its paths and its own state. */
    public JsonNode diagnostics() {
        return read(expect(send(get("api/diagnostics")), 200), JsonNode.class);
    }

    /** {@code GET /api/network/health}: on a bootstrap, every registered node. */
    public NetworkHealth networkHealth() {
        return read(expect(send(get("api/network/health")), 200), NetworkHealth.class);
    }

    /**
     * The {@code metrics} check of {@code GET /q/health/well}, read whether the node is well (200) or
     * not (503); fails if the node has no such check.
     */
    public MetricsCheck metricsCheck() {
        HttpResponse<String> response = expect(send(get("q/health/well")), 200, 503);
        JsonNode wellness = read(response, JsonNode.class);
        for (JsonNode check : wellness.path("checks")) {
            if (check.path("name").asText().equals("metrics")) {
                JsonNode data = check.path("data");
                JsonNode lastFailure = data.get("lastFailure");
                return new MetricsCheck(check.path("status").asText(), data.path("plugin").asText(),
                        data.path("enabled").asBoolean(), data.path("switchedOff").asBoolean(),
                        data.path("failures").asLong(), lastFailure == null ? null : lastFailure.asText());
            }
        }
        throw new NodeApiException(describe(response.request()), response.statusCode(),
                "no check named metrics: " + response.body(), null);
    }

    /** {@code POST /api/dht/find-node}: the closest nodes to {@code targetHex}, nearest first. */
    public FindNodeReply findNode(String targetHex) {
        if (!NodeId.isHex(targetHex)) {
            throw new IllegalArgumentException("targetHex must be 40 hex digits, got '" + targetHex + "'");
        }
        ObjectNode body = JSON.createObjectNode().put("target", targetHex);
        return read(expect(send(post("api/dht/find-node", body)), 200), FindNodeReply.class);
    }

    /** {@code PUT /api/dht/values/{key}}: stores {@code value} (any JSON) under {@code key}. */
    public void putValue(String key, JsonNode value) {
        Objects.requireNonNull(value, "value must be set");
        ObjectNode body = JSON.createObjectNode().set("value", value);
        HttpRequest request = json(valuePath(key)).PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        expect(send(request), 200, 201, 204);
    }

    /**
     * {@code POST /api/pubsub/channels}: creates the channel {@code name}, or reads it as it was created;
     * its {@code name}, {@code createdAt} and {@code creator}, and {@code status} (201 created, 200 found).
     */
    public JsonNode createChannel(String name) {
        HttpResponse<String> response = expect(send(post("api/pubsub/channels",
                JSON.createObjectNode().put("name", name))), 200, 201);
        return ((ObjectNode) read(response, JsonNode.class)).put("status", response.statusCode());
    }

    /** {@code POST /api/pubsub/channels/{name}/messages}: publishes {@code data}; the message's id. */
    public String publish(String channel, String data) {
        HttpResponse<String> response = expect(send(post("api/pubsub/channels/" + PathSegments.encode(channel)
                + "/messages", JSON.createObjectNode().put("data", data))), 201);
        return read(response, JsonNode.class).path("id").asText();
    }

    /** {@code GET /api/pubsub/channels/{name}/events}: the channel's events, read as they come. */
    public EventStream follow(String channel, String lastEventId) {
        return EventStream.open(http, base.resolve("api/pubsub/channels/" + PathSegments.encode(channel)
                + "/events"), lastEventId);
    }

    /** {@code GET /api/dht/values/{key}}: the value stored under {@code key}, empty on 404. */
    public Optional<JsonNode> getValue(String key) {
        HttpResponse<String> response = send(get(valuePath(key)));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.ofNullable(read(expect(response, 200), JsonNode.class).get("value"));
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT).header("Accept", "application/json")
                .GET().build();
    }

    private HttpRequest post(String path, JsonNode body) {
        return json(path).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private HttpRequest.Builder json(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json");
    }

    private static String valuePath(String key) {
        if (key == null || key.isEmpty() || key.equals(".") || key.equals("..")) {
            throw new IllegalArgumentException("key must be set and not a dot segment, got '" + key + "'");
        }
        return "api/dht/values/" + PathSegments.encode(key);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new NodeApiException(describe(request), 0, e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeApiException(describe(request), 0, "interrupted", e);
        }
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return response;
            }
        }
        throw new NodeApiException(describe(response.request()), response.statusCode(), response.body(), null);
    }

    private static <T> T read(HttpResponse<String> response, Class<T> type) {
        try {
            return JSON.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new NodeApiException(describe(response.request()), response.statusCode(),
                    "unreadable " + type.getSimpleName() + " (" + e.getOriginalMessage() + "): " + response.body(), e);
        }
    }

    private static String describe(HttpRequest request) {
        return request.method() + " " + request.uri();
    }
}
