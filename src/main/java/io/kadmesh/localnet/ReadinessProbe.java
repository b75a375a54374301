package io.kadmesh.localnet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** Asks nodes whether they are ready: {@code GET /q/health/ready}, where only 200 means ready. */
public final class ReadinessProbe {

    /** Longest one check may take, connecting included. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CHECK_TIMEOUT).build();

    /** Whether the node at {@code restUrl} answers 200; blocks at most {@link #CHECK_TIMEOUT}. */
    public boolean ready(String restUrl) {
        return readyAsync(restUrl).join();
    }

    /**
     * Whether the node at {@code restUrl} (e.g. {@code http://127.0.0.1:8081}) answers 200, without
     * blocking; the future never fails: no answer, or any other status, is {@code false}.
     */
    public CompletableFuture<Boolean> readyAsync(String restUrl) {
        Objects.requireNonNull(restUrl, "restUrl must be set");
        HttpRequest request = HttpRequest.newBuilder(URI.create(restUrl + "/q/health/ready")).timeout(CHECK_TIMEOUT)
                .GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> failure == null && response.statusCode() == 200);
    }
}
