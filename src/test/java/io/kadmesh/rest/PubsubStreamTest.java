package io.kadmesh.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.kadmesh.it.harness.EventStream;
import io.kadmesh.it.harness.EventStream.Event;
import io.kadmesh.it.harness.NodeClient;
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

    private final List<EventStream> streams = new ArrayList<>();

    @BeforeEach
    void startNode() {
        node.start();
    }

    @AfterEach
    void closeStreams() {
        streams.forEach(EventStream::close);
    }

    /** The channel's events on this node, read on a thread of their own. */
    private EventStream follow(String channel, String lastEventId) {
        EventStream stream = new NodeClient(base.toString(), NodeClient.newHttpClient()).follow(channel, lastEventId);
        streams.add(stream);
        return stream;
    }

    private static Event next(EventStream events) {
        Event event = events.next(WAIT);
        assertTrue(event != null, "no event within " + WAIT);
        return event;
    }

    private static void create(String channel) {
        given().contentType(ContentType.JSON).body("{\"name\":\"" + channel + "\"}").post("/api/pubsub/channels")
                .then().statusCode(anyOf(is(200), is(201)));
    }

    private static io.restassured.response.Response publish(String channel, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/pubsub/channels/" + channel + "/messages");
    }

    /**
     * Publishes {@code count} messages from 16 threads at once, so that the flood outruns the rate limit
     * however slowly a cold node answers one request; returns how many were answered 429.
     */
    private static int flood(String channel, int count) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> publishes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                publishes.add(() -> publish(channel, "{\"data\":\"flood\"}").statusCode());
            }
            int limited = 0;
            for (Future<Integer> status : threads.invokeAll(publishes)) {
                limited += status.get() == 429 ? 1 : 0;
            }
            return limited;
        } finally {
            threads.shutdownNow();
        }
    }

    private static String publishData(String channel, String data) {
        return publish(channel, "{\"data\":\"" + data + "\"}").then().statusCode(201).extract().path("id");
    }

    @Test
    void aFollowerGetsEachMessageAsAnEventWithItsId() throws Exception {
        create("stream-news");
        String self = given().get("/api/node").then().extract().path("nodeId");
        EventStream events = follow("stream-news", null);
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
        EventStream events = follow("stream-back", null);
        next(events);
        String seen = publishData("stream-back", "seen");
        assertEquals(seen, next(events).id());
        closeStreams();

        publishData("stream-back", "missed-1");
        publishData("stream-back", "missed-2");
        EventStream back = follow("stream-back", seen);

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

        assertTrue(flood("stream-bad", 150) > 0, "a flood of 150 publishes at once meets the rate limit");

        create("stream-calm");
        EventStream calm = follow("stream-calm", null);
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
