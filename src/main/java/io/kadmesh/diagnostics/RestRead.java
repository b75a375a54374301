package io.kadmesh.diagnostics;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.kadmesh.spi.transport.UpgradeAnswer;
import io.kadmesh.wire.ControlJson;

/**
 * One read of a node's REST API, bounded in time: the JSON it answered, or why there is none.
 *
 * @param body the answer's JSON, or null
 * @param problem why there is no JSON: the status and the start of the body, the connection's failure;
 *        null when there is
 */
record RestRead(JsonNode body, String problem) {

    /** {@code GET url}, waiting at most {@code waitMillis} in all, to connect and for the answer. */
    static RestRead get(URI url, int waitMillis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        try {
            HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(waitMillis)).build()
                    .sendAsync(HttpRequest.newBuilder(url).timeout(Duration.ofMillis(waitMillis)).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .get(until - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (answer.statusCode() != 200) {
                return new RestRead(null, url + " answered " + answer.statusCode() + ", body "
                        + UpgradeAnswer.excerpt(answer.body()));
            }
            return new RestRead(ControlJson.MAPPER.readTree(answer.body()), null);
        } catch (JsonProcessingException e) {
            return new RestRead(null, url + " answered no JSON");
        } catch (TimeoutException e) {
            return new RestRead(null, url + " did not answer within " + waitMillis + " ms");
        } catch (ExecutionException e) {
            return new RestRead(null, url + " unreachable: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RestRead(null, "interrupted");
        }
    }
}
