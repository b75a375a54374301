package io.kadmesh.rest;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kadmesh.pubsub.PubsubMessage;
import io.kadmesh.pubsub.Subscriber;

/**
 * An SSE client subscribed through {@code GET /api/pubsub/channels/{name}/events}: each message goes as
 * one event, its id the message's, its data {@code {"id","publisher","data","publishedAt"}}. A client that
 * falls {@value #MAX_PENDING} events behind is dropped; it comes back with {@code Last-Event-ID}.
 */
final class SseSubscriber implements Subscriber {

    /** Events sent and not yet written out that a client may have before it is dropped as too slow. */
    static final int MAX_PENDING = 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The last message's id and its event data, shared by the clients that follow its channel here. */
    private static final AtomicReference<String[]> lastEvent = new AtomicReference<>();

    private final SseEventSink sink;
    private final Sse sse;
    private final AtomicInteger pending = new AtomicInteger();

    SseSubscriber(SseEventSink sink, Sse sse) {
        this.sink = sink;
        this.sse = sse;
    }

    /** An event in the SSE stream's own vocabulary, such as {@code subscribed}; not a message. */
    void notice(String name, Object data) {
        send(sse.newEventBuilder().name(name).mediaType(MediaType.APPLICATION_JSON_TYPE).data(data).build());
    }

    /** A comment line, which clients skip: written first, so that the stream has started before any event. */
    void comment(String text) {
        send(sse.newEventBuilder().comment(text).build());
    }

    @Override
    public boolean deliver(PubsubMessage message) {
        if (sink.isClosed()) {
            return false;
        }
        if (pending.get() >= MAX_PENDING) {
            sink.close();
            return false;
        }
        send(sse.newEventBuilder().id(message.id()).mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, json(message))
                .build());
        return true;
    }

    private void send(jakarta.ws.rs.sse.OutboundSseEvent event) {
        pending.incrementAndGet();
        sink.send(event).whenComplete((ok, failure) -> {
            pending.decrementAndGet();
            if (failure != null) {
                sink.close();
            }
        });
    }

    @Override
    public boolean isGone() {
        return sink.isClosed();
    }

    /**
     * The event's data for {@code message}, as JSON text: written once per message, however many of this
     * node's clients follow the channel (they are handed each message one after another).
     */
    private static String json(PubsubMessage message) {
        String[] last = lastEvent.get();
        String id = message.id();
        if (last != null && last[0].equals(id)) {
            return last[1];
        }
        try {
            String json = JSON.writeValueAsString(Event.of(message));
            lastEvent.set(new String[] { id, json });
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event's data could not be written", e);
        }
    }

    /** One message as an SSE client reads it. */
    record Event(String id, String publisher, String data, String publishedAt) {
        static Event of(PubsubMessage message) {
            return new Event(message.id(), message.publisher().toHex(), message.data(),
                    message.publishedAt().toString());
        }
    }
}
