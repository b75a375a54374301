package io.kadmesh.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.node.NodeLifecycle;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Publishing and following a channel through the running node's REST API, over a real HTTP stream of
 * server-sent events: a follower gets each message as an event whose id is the message's; one that
 * comes back with {@code Last-Event-ID} gets what it missed; bad names, oversized data, unknown channels
 * and floods get clear errors.
 */
@QuarkusTest
@Timeout(60)
class PubsubStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    NodeLifecycle node;

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<InputStream> streams = new ArrayList<>();

    @BeforeEach
    void startNode() {
        node.start();
    }

    @AfterEach
    void closeStreams() throws Exception {
        for (InputStream stream : streams) {
            stream.close();
        }
    }

    /** One SSE event as read off the stream. */
    record Event(String name, String id, String data) {
    }

    /** Reads a channel's event stream on a thread of its own, event by event. */
    private BlockingQueue<Event> follow(String channel, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "api/pubsub/channels/" + channel
                + "/events")).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        streams.add(response.body());
        BlockingQueue<Event> events = new ArrayBlockingQueue<>(1000);
        Thread reader = new Thread(() -> read(response.body(), events), "sse-" + channel);
        reader.setDaemon(true);
        reader.start();
        return events;
    }

    private static void read(InputStream body, BlockingQueue<Event> events) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (fields.containsKey("data")) {
                        events.add(new Event(fields.getOrDefault("event", "message"), fields.get("id"),
                                fields.get("data")));
                    }
                    fields.clear();
                } else if (!line.startsWith(":")) {
                    int colon = line.indexOf(':');
                    fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
                }
            }
        } catch (java.io.IOException closed) {
            // the test closed the stream
        }
    }

    private static Event next(BlockingQueue<Event> events) throws InterruptedException {
        Event event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertTrue(event != null, "no event within " + WAIT);
        return event;
    }

    private static void create(String channel) {
        given().contentType(ContentType.JSON).body("{\"name\":\"" + channel + "\"}").post("/api/pubsub/channels")
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200),
                        org.hamcrest.Matchers.is(201)));
    }

    private static io.restassured.response.Response publish(String channel, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/pubsub/channels/" + channel + "/messages");
    }

    private static String publishData(String channel, String data) {
        return publish(channel, "{\"data\":\"" + data + "\"}").then().statusCode(201).extract().path("id");
    }

    @Test
    void aFollowerGetsEachMessageAsAnEventWithItsId() throws Exception {
        create("stream-news");
        String self = given().get("/api/node").then().extract().path("nodeId");
        BlockingQueue<Event> events = follow("stream-news", null);
        Event subscribed = next(events);
        assertEquals("subscribed", subscribed.name());
        assertEquals(1, JsonPath.from(subscribed.data()).getInt("roots"));

        String first = publishData("stream-news", "hello");
        String second = publishData("stream-news", "world");

        Event one = next(events);
        Event two = next(events);
        assertEquals(List.of(first, second), List.of(one.id(), two.id()));
        JsonPath data = JsonPath.from(one.data());
        assertEquals(first, data.getString("id"));
        assertEquals("hello", data.getString("data"));
        assertEquals(self, data.getString("publisher"));
        assertTrue(data.getString("publishedAt").endsWith("Z"), data.getString("publishedAt"));
        assertEquals("world", JsonPath.from(two.data()).getString("data"));
    }

    @Test
    void aFollowerComingBackWithLastEventIdGetsWhatItMissed() throws Exception {
        create("stream-back");
        BlockingQueue<Event> events = follow("stream-back", null);
        next(events);
        String seen = publishData("stream-back", "seen");
        assertEquals(seen, next(events).id());
        closeStreams();

        publishData("stream-back", "missed-1");
        publishData("stream-back", "missed-2");
        BlockingQueue<Event> back = follow("stream-back", seen);

        List<String> data = new ArrayList<>();
        while (data.size() < 2) {
            Event event = next(back);
            if (event.name().equals("message")) {
                data.add(JsonPath.from(event.data()).getString("data"));
            }
        }
        assertEquals(List.of("missed-1", "missed-2"), data);
    }

    @Test
    void badInputIsAClearErrorAndTheChannelGoesOn() throws Exception {
        create("stream-bad");
        publish("Bad Name", "{\"data\":\"x\"}").then().statusCode(400).body("error", containsString("a-z, 0-9"));
        publish("never-created", "{\"data\":\"x\"}").then().statusCode(404)
                .body("error", containsString("does not exist"));
        publish("stream-bad", "{\"other\":1}").then().statusCode(400).body("error", containsString("data"));
        publish("stream-bad", "{\"data\":\"" + "x".repeat(16 * 1024 + 1) + "\"}").then().statusCode(400)
                .body("error", containsString("16384"));

        int limited = 0;
        for (int i = 0; i < 70; i++) {
            limited += publish("stream-bad", "{\"data\":\"flood\"}").statusCode() == 429 ? 1 : 0;
        }
        assertTrue(limited > 0, "a flood of 70 publishes in a moment meets the rate limit");

        create("stream-calm");
        BlockingQueue<Event> calm = follow("stream-calm", null);
        next(calm);
        publishData("stream-calm", "unharmed");
        assertEquals("unharmed", JsonPath.from(next(calm).data()).getString("data"));
    }

    @Test
    void followingAChannelNobodyCreatedOrWithABadLastEventIdIsAClearError() {
        given().accept("text/event-stream").get("/api/pubsub/channels/stream-nobody/events").then().statusCode(404)
                .body("error", containsString("does not exist"));
        given().accept("text/event-stream").get("/api/pubsub/channels/Bad Name/events").then().statusCode(400)
                .body("error", containsString("a-z, 0-9"));
        create("stream-id");
        given().accept("text/event-stream").header("Last-Event-ID", "not-an-id")
                .get("/api/pubsub/channels/stream-id/events").then().statusCode(400)
                .body("error", containsString("40 hex digits"));
    }
}
