package io.kadmesh.it.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stream of server-sent events from a node, read on a thread of its own into a queue, each event
 * stamped with {@link System#nanoTime()} as it was read: for following a pubsub channel in tests and
 * benchmarks. Closing it ends the HTTP response.
 */
public final class EventStream implements AutoCloseable {

    /** One event: its name ({@code message} when it has none), id, data, and when it was read. */
    public record Event(String name, String id, String data, long readAtNanos) {
    }

    private final InputStream body;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    private EventStream(InputStream body, String name) {
        this.body = body;
        Thread reader = new Thread(this::read, "events-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    static EventStream open(HttpClient http, URI uri, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String text = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                throw new NodeApiException("GET " + uri, response.statusCode(), text, null);
            }
            return new EventStream(response.body(), uri.getPath());
        } catch (IOException e) {
            throw new NodeApiException("GET " + uri, 0, e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeApiException("GET " + uri, 0, "interrupted", e);
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            Map<String, String> fields = new HashMap<>();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (fields.containsKey("data")) {
                        events.add(new Event(fields.getOrDefault("event", "message"), fields.get("id"),
                                fields.get("data"), System.nanoTime()));
                    }
                    fields.clear();
                } else if (!line.startsWith(":")) {
                    int colon = line.indexOf(':');
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    fields.put(colon < 0 ? line : line.substring(0, colon),
                            value.startsWith(" ") ? value.substring(1) : value);
                }
            }
        } catch (IOException closed) {
            // the stream was closed, by this side or the node's
        }
    }

    /** The next event, waiting up to {@code timeout}; null when none came. */
    public Event next(Duration timeout) {
        try {
            return events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next event named {@code name}, skipping others, waiting up to {@code timeout} in all; null when none came. */
    public Event next(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Event event = next(timeout); event != null; event = next(Duration.ofNanos(deadline - System.nanoTime()))) {
            if (event.name().equals(name)) {
                return event;
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // closing is all that is asked
        }
    }
}
