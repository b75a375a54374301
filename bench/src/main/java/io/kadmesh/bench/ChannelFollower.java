package io.kadmesh.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kadmesh.localnet.NodeProcess;

/**
 * One SSE client of a channel ({@code GET /api/pubsub/channels/{name}/events}) for the pubsub
 * benchmark: it completes {@link #subscribed()} with the {@code roots} of the {@code subscribed} event,
 * and notes, for each benchmark message that reaches it (data {@code bench-<n>}), the
 * {@link System#nanoTime()} of its arrival, once; a message that comes again counts as a duplicate.
 * Warm-up messages ({@code warmup-<n>}) are only counted.
 * Lines are read as the node sends them, on the HTTP client's threads.
 */
final class ChannelFollower implements Flow.Subscriber<String> {

    /** The prefix of a benchmark message's data; its number follows. */
    static final String DATA_PREFIX = "bench-";
    /** The prefix of a warm-up message's data, published before the measured ones; its number follows. */
    static final String WARMUP_PREFIX = "warmup-";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NodeProcess node;
    private final long[] arrivals;
    private final String[] ids;
    private final long[] sinceSigned;
    private final CompletableFuture<Integer> subscribed = new CompletableFuture<>();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger unexpected = new AtomicInteger();
    private final StringBuilder data = new StringBuilder();
    private final BitSet warmups = new BitSet();
    private volatile Flow.Subscription subscription;
    private volatile int status;
    private volatile long openedNanos;
    private volatile long subscribedNanos;
    private volatile String failure;
    private String event = "";

    /** A follower on {@code node} of messages {@code 0 .. messages - 1}. */
    ChannelFollower(NodeProcess node, int messages) {
        this.node = node;
        this.arrivals = new long[messages];
        this.ids = new String[messages];
        this.sinceSigned = new long[messages];
        Arrays.fill(arrivals, -1);
    }

    /** Opens the stream of {@code channel} over {@code http}; returns at once. */
    void open(HttpClient http, String channel) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.restUrl() + "/api/pubsub/channels/" + channel
                + "/events")).header("Accept", "text/event-stream").GET().build();
        openedNanos = System.nanoTime();
        http.sendAsync(request, info -> {
            status = info.statusCode();
            return HttpResponse.BodySubscribers.fromLineSubscriber(this);
        }).whenComplete((response, error) -> {
            String why = error != null ? error.toString()
                    : "stream ended (HTTP " + response.statusCode() + ")";
            if (!subscribed.isDone()) {
                failure = why;
                subscribed.completeExceptionally(new IllegalStateException(node.name() + ": " + why));
            } else if (subscription != null && failure == null) {
                failure = why;
            }
        });
    }

    /** Completes with how many roots took the subscription, once the node says it holds. */
    CompletableFuture<Integer> subscribed() {
        return subscribed;
    }

    /** From opening the stream to the {@code subscribed} event, in ms. */
    double subscribeMs() {
        return (subscribedNanos - openedNanos) / 1e6;
    }

    /** The node it follows. */
    NodeProcess node() {
        return node;
    }

    /** When message {@code n} arrived ({@link System#nanoTime()}), or -1 if it did not. */
    synchronized long arrival(int n) {
        return arrivals[n];
    }

    /**
     * Milliseconds from message {@code n}'s {@code publishedAt} (the publishing node's clock when it signed
     * the message, the machine's clock as this process's) to its arrival; meaningful once it arrived, and
     * -1 when its {@code publishedAt} could not be read.
     */
    synchronized long sinceSigned(int n) {
        return sinceSigned[n];
    }

    private static long sinceSigned(JsonNode json, long nowMillis) {
        try {
            return Math.max(0, nowMillis - Instant.parse(json.path("publishedAt").asText()).toEpochMilli());
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    /** The id message {@code n} came with, or null if it did not. */
    synchronized String id(int n) {
        return ids[n];
    }

    /** Messages that arrived more than once, each repeat counted. */
    int duplicates() {
        return duplicates.get();
    }

    /** Events that were not a benchmark message this follower expects, nor {@code subscribed}. */
    int unexpected() {
        return unexpected.get();
    }

    /** Why the stream ended or failed, or null while it runs. */
    String failure() {
        return failure;
    }

    /** Stops reading the stream, which closes it. */
    void close() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        if (line.isEmpty()) {
            dispatch(System.nanoTime());
            return;
        }
        if (line.startsWith(":")) {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> event = value;
            case "data" -> data.append(data.isEmpty() ? "" : "\n").append(value);
            default -> {
                // id (the data repeats it), and any other field
            }
        }
    }

    private void dispatch(long now) {
        String name = event;
        String text = data.toString();
        event = "";
        data.setLength(0);
        if (text.isEmpty() && name.isEmpty()) {
            return;
        }
        try {
            JsonNode json = JSON.readTree(text);
            if (name.equals("subscribed")) {
                subscribedNanos = now;
                subscribed.complete(json.path("roots").asInt());
            } else if (name.isEmpty() || name.equals("message")) {
                message(json, now);
            } else {
                failure = "event " + name + ": " + text;
                unexpected.incrementAndGet();
            }
        } catch (Exception e) {
            failure = "unreadable event " + name + ": " + text;
            unexpected.incrementAndGet();
        }
    }

    private void message(JsonNode json, long now) {
        String payload = json.path("data").asText("");
        if (payload.startsWith(WARMUP_PREFIX)) {
            warmup(payload);
            return;
        }
        int n = -1;
        if (payload.startsWith(DATA_PREFIX)) {
            try {
                n = Integer.parseInt(payload.substring(DATA_PREFIX.length()));
            } catch (NumberFormatException e) {
                n = -1;
            }
        }
        if (n < 0 || n >= arrivals.length) {
            unexpected.incrementAndGet();
            return;
        }
        synchronized (this) {
            if (arrivals[n] >= 0) {
                duplicates.incrementAndGet();
            } else {
                arrivals[n] = now;
                ids[n] = json.path("id").asText();
                sinceSigned[n] = sinceSigned(json, System.currentTimeMillis());
            }
        }
    }

    private void warmup(String payload) {
        try {
            int n = Integer.parseInt(payload.substring(WARMUP_PREFIX.length()));
            synchronized (this) {
                if (warmups.get(n)) {
                    duplicates.incrementAndGet();
                }
                warmups.set(n);
            }
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            unexpected.incrementAndGet();
        }
    }

    /** How many distinct warm-up messages arrived. */
    synchronized int warmupsReceived() {
        return warmups.cardinality();
    }

    @Override
    public void onError(Throwable throwable) {
        if (failure == null) {
            failure = throwable.toString();
        }
    }

    @Override
    public void onComplete() {
        dispatch(System.nanoTime());
    }

    /** The HTTP status of the stream's answer, 0 before it came. */
    int status() {
        return status;
    }
}
