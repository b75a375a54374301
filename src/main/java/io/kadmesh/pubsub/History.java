package io.kadmesh.pubsub;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A channel's recent messages, oldest first: at most {@value #MAX_MESSAGES} of them, of at most
 * {@value #MAX_BYTES} bytes of data in all, none older than {@link #MAX_AGE}. Roots keep it for late
 * and returning subscribers, and a member node keeps it for its own (an SSE client's
 * {@code Last-Event-ID}). Not thread-safe: it lives on the node's scheduler.
 */
final class History {

    static final int MAX_MESSAGES = 100;
    static final int MAX_BYTES = 256 * 1024;
    static final Duration MAX_AGE = Duration.ofMinutes(10);
    /** Most data bytes one history reply carries; the rest follows when asked again from its last id. */
    static final int MAX_REPLY_BYTES = 96 * 1024;

    private record Entry(PubsubMessage message, String id, int bytes, Instant keptAt) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private final Set<String> ids = new HashSet<>();
    private long bytes;

    /** Keeps {@code message}, received at {@code now}; false when it holds it already. */
    boolean add(PubsubMessage message, Instant now) {
        String id = message.id();
        if (!ids.add(id)) {
            return false;
        }
        int size = message.data().getBytes(StandardCharsets.UTF_8).length;
        entries.addLast(new Entry(message, id, size, now));
        bytes += size;
        while (entries.size() > MAX_MESSAGES || bytes > MAX_BYTES) {
            dropOldest();
        }
        return true;
    }

    /**
     * Puts {@code earlier}, oldest first, before the messages held here, all but those held already:
     * what another root kept from before this node took up its duty. Each counts as kept when it was
     * published (at the latest {@code now}), so that it ages as it would have at that root; the bounds
     * then drop the oldest.
     */
    void backfill(List<PubsubMessage> earlier, Instant now) {
        List<Entry> front = new ArrayList<>();
        for (PubsubMessage message : earlier) {
            String id = message.id();
            if (ids.add(id)) {
                int size = message.data().getBytes(StandardCharsets.UTF_8).length;
                Instant published = message.publishedAt();
                front.add(new Entry(message, id, size, published.isAfter(now) ? now : published));
                bytes += size;
            }
        }
        for (int i = front.size() - 1; i >= 0; i--) {
            entries.addFirst(front.get(i));
        }
        while (entries.size() > MAX_MESSAGES || bytes > MAX_BYTES) {
            dropOldest();
        }
    }

    /** Drops what is older than {@link #MAX_AGE} at {@code now}. */
    void expire(Instant now) {
        Instant oldest = now.minus(MAX_AGE);
        while (!entries.isEmpty() && entries.peekFirst().keptAt().isBefore(oldest)) {
            dropOldest();
        }
    }

    private void dropOldest() {
        Entry dropped = entries.removeFirst();
        ids.remove(dropped.id());
        bytes -= dropped.bytes();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    boolean contains(String id) {
        return ids.contains(id);
    }

    /**
     * The messages after the one {@code id} names, oldest first; empty when this history does not
     * hold it (it is older than what is kept, or unknown here).
     */
    Optional<List<PubsubMessage>> after(String id) {
        return since(id, false);
    }

    /** The message {@code id} names and those after it, oldest first; empty when this history does not hold it. */
    Optional<List<PubsubMessage>> from(String id) {
        return since(id, true);
    }

    private Optional<List<PubsubMessage>> since(String id, boolean inclusive) {
        if (!ids.contains(id)) {
            return Optional.empty();
        }
        List<PubsubMessage> since = new ArrayList<>();
        boolean found = false;
        for (Entry entry : entries) {
            boolean named = entry.id().equals(id);
            if (found || named && inclusive) {
                since.add(entry.message());
            }
            found = found || named;
        }
        return Optional.of(since);
    }

    /** The messages held of those {@code wanted} names, oldest first. */
    List<PubsubMessage> find(Collection<String> wanted) {
        return entries.stream().filter(entry -> wanted.contains(entry.id())).map(Entry::message).toList();
    }

    /** The messages held published at or after {@code from}, by their publishers' clocks, oldest first. */
    List<PubsubMessage> publishedFrom(Instant from) {
        return entries.stream().map(Entry::message).filter(message -> !message.publishedAt().isBefore(from)).toList();
    }

    /** Every message held, oldest first. */
    List<PubsubMessage> all() {
        return entries.stream().map(Entry::message).toList();
    }

    /** The first of {@code messages} that fit one reply, at least one. */
    static List<PubsubMessage> page(List<PubsubMessage> messages) {
        int size = 0;
        int count = 0;
        for (PubsubMessage message : messages) {
            size += message.data().getBytes(StandardCharsets.UTF_8).length;
            if (count > 0 && size > MAX_REPLY_BYTES) {
                break;
            }
            count++;
        }
        return messages.subList(0, count);
    }
}
