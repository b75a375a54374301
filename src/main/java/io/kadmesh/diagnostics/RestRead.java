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
 * One read of a node's REST API, bounded in time: what it answered, or why there is no answer.
 *
 * @param text the answer's body, or null
 * @param body the answer's JSON, or null when it was not read as JSON or is none
 * @param problem why there is no answer: the status and the start of the body, the connection's
 *        failure, no JSON where JSON was asked for; null when there is
 */
record RestRead(String text, JsonNode body, String problem) {

    /** {@code GET url} for JSON, waiting at most {@code waitMillis} in all, to connect and for the answer. */
    static RestRead get(URI url, int waitMillis) {
        RestRead read = text(url, waitMillis);
        if (read.text() == null) {
            return read;
        }
        try {
            return new RestRead(read.text(), ControlJson.MAPPER.readTree(read.text()), null);
        } catch (JsonProcessingException e) {
            return failed(url + " answered no JSON");
        }
    }

    /** {@code GET url}, its body as text, waiting at most {@code waitMillis} in all. */
    static RestRead text(URI url, int waitMillis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        try {
            HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(waitMillis)).build()
                    .sendAsync(HttpRequest.newBuilder(url).timeout(Duration.ofMillis(waitMillis)).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .get(until - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (answer.statusCode() != 200) {
                return failed(url + " answered " + answer.statusCode() + ", body " + UpgradeAnswer.excerpt(answer.body()));
            }
            return new RestRead(answer.body(), null, null);
        } catch (TimeoutException e) {
            return failed(url + " did not answer within " + waitMillis + " ms");
        } catch (ExecutionException e) {
            return failed(url + " unreachable: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted");
        }
    }

    private static RestRead failed(String problem) {
        return new RestRead(null, null, problem);
    }
}
