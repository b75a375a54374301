package io.kadmesh.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.storage.RecordSigner;

/** A history taken over from another root goes before what this one holds, each message once, within the bounds. */
class HistoryTest {

    private static final ChannelName NEWS = new ChannelName("news");
    private static final Instant NOW = Instant.parse("2026-12-02T00:00:00Z");
    private final RecordSigner publisher = RecordSigner.generate();

    private PubsubMessage message(int seq) {
        return PubsubMessage.sign(NEWS, publisher, seq, NOW.minusSeconds(100 - seq), "m" + seq);
    }

    private static List<String> data(History history) {
        return history.all().stream().map(PubsubMessage::data).toList();
    }

    @Test
    void earlierMessagesGoBeforeThoseHeldAndNoneTwice() {
        History history = new History();
        history.add(message(3), NOW);
        history.add(message(4), NOW);

        history.backfill(List.of(message(1), message(2), message(3)), NOW);

        assertEquals(List.of("m1", "m2", "m3", "m4"), data(history));
    }

    @Test
    void theBoundsDropTheOldestOfTheBackfilled() {
        History history = new History();
        history.add(message(History.MAX_MESSAGES + 1), NOW);
        List<PubsubMessage> earlier = new ArrayList<>();
        for (int seq = 1; seq <= History.MAX_MESSAGES; seq++) {
            earlier.add(message(seq));
        }

        history.backfill(earlier, NOW);

        List<String> held = data(history);
        assertEquals(History.MAX_MESSAGES, held.size());
        assertEquals("m2", held.get(0));
        assertEquals("m" + (History.MAX_MESSAGES + 1), held.get(held.size() - 1));
    }
}
