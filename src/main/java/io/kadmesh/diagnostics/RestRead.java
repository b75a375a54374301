package io.kadmesh.diagnostics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

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

    /** {@code GET url}, waiting at most {@code waitMillis} to connect and as long again for the answer. */
    static RestRead get(URI url, int waitMillis) {
        try {
            HttpResponse<String> answer = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(waitMillis)).build()
                    .send(HttpRequest.newBuilder(url).timeout(Duration.ofMillis(waitMillis)).build(),
                            HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return new RestRead(null, url + " answered " + answer.statusCode() + ", body "
                        + UpgradeAnswer.excerpt(answer.body()));
            }
            return new RestRead(ControlJson.MAPPER.readTree(answer.body()), null);
        } catch (JsonProcessingException e) {
            return new RestRead(null, url + " answered no JSON");
        } catch (IOException e) {
            return new RestRead(null, url + " unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RestRead(null, "interrupted");
        }
    }
}
