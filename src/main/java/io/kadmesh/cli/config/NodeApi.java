package io.kadmesh.cli.config;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a node's live-configuration endpoints, {@code GET /api/config} and
 * {@code GET /api/config/history}, with the JDK's HTTP client; every request is bounded in time.
 */
final class NodeApi {

    /** Longest one request may take, connecting included. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /**
     * What {@code GET /api/config} says about commits.
     *
     * @param commit the commit the node runs, if any
     * @param rejectedCommit the last commit it refused, if any
     * @param rejectedReason why it refused it
     * @param connectionsMin the fewest links it must hold by the settings in force ({@code kadmesh.connections.min}); 1 if it
     *        does not say
     */
    record ConfigReport(Optional<String> commit, Optional<String> rejectedCommit, String rejectedReason,
            int connectionsMin) {
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(REQUEST_TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();

    /** The node's {@code /api/config}. */
    ConfigReport config(String node) throws ConfigFailure {
        JsonNode body = get(node, "/api/config");
        JsonNode rejected = body.path("rejected");
        return new ConfigReport(text(body.path("commit")), text(rejected.path("commit")),
                rejected.path("reason").asText("no reason given"),
                body.path("settings").path("kadmesh.connections.min").asInt(1));
    }

    /** The node's {@code /api/config/history}. */
    NodeHistory history(String node) throws ConfigFailure {
        JsonNode body = get(node, "/api/config/history");
        List<NodeHistory.Applied> applied = new ArrayList<>();
        for (JsonNode entry : body.path("applied")) {
            text(entry.path("commit")).ifPresent(commit -> applied.add(new NodeHistory.Applied(commit,
                    health(entry.path("health")))));
        }
        return new NodeHistory(health(body.path("now")), applied);
    }

    private static NodeHealth health(JsonNode health) {
        JsonNode lookup = health.path("lookupMillis");
        return new NodeHealth(health.path("ready").asBoolean(false), health.path("connections").asInt(0),
                lookup.isNumber() ? OptionalDouble.of(lookup.asDouble()) : OptionalDouble.empty());
    }

    private static Optional<String> text(JsonNode value) {
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    private JsonNode get(String node, String path) throws ConfigFailure {
        URI uri;
        try {
            uri = URI.create(node.replaceAll("/+$", "") + path);
        } catch (IllegalArgumentException e) {
            throw new ConfigFailure("node " + node + " is not a URL: " + e.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept", "application/json")
                .GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new ConfigFailure("node " + node + " answered " + response.statusCode() + " to GET " + path);
            }
            return json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new ConfigFailure("node " + node + " answered GET " + path + " with no JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigFailure("node " + node + " cannot be reached (GET " + path + "): " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigFailure("interrupted while asking node " + node, e);
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
