package io.kadmesh.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.storage.RecordSigner;

/**
 * A returning subscriber gets what it missed before the live messages that came meanwhile, each once,
 * and a late delivery of a message it already got in the catch-up is not handed on again.
 */
class CatchingUpTest {

    private static final ChannelName NEWS = new ChannelName("news");

    private final RecordSigner publisher = RecordSigner.generate();
    private final List<String> handedOn = new ArrayList<>();
    private final CatchingUp returning = new CatchingUp(message -> handedOn.add(message.data()));

    private PubsubMessage message(long seq) {
        return PubsubMessage.sign(NEWS, publisher, seq, Instant.parse("2026-12-01T00:00:00Z"), "m" + seq);
    }

    @Test
    void whatItMissedComesFirstThenTheLiveOnesEachOnce() {
        returning.deliver(message(2));
        returning.deliver(message(3));
        assertEquals(List.of(), handedOn, "live messages wait for the catch-up");

        returning.caughtUp(List.of(message(1), message(2)));
        assertEquals(List.of("m1", "m2", "m3"), handedOn);

        returning.deliver(message(1));
        returning.deliver(message(4));
        assertEquals(List.of("m1", "m2", "m3", "m4"), handedOn, "a late delivery of m1 is not handed on again");
    }
}
