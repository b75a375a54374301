package io.kadmesh.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.storage.RecordSigner;
import io.kadmesh.simulation.SimulatedTime;

/**
 * A publisher's messages go on in {@code seq} order: one that comes early waits for the gap before it
 * to fill, up to the gap wait; then the held ones go on, and a straggler still goes on when it comes. A
 * far jump (a restarted publisher) starts a new run at once. Publishers do not wait for each other.
 */
class PublisherOrderTest {

    private static final ChannelName NEWS = new ChannelName("news");

    private final SimulatedTime time = new SimulatedTime();
    private final List<String> handedOn = new ArrayList<>();
    private final PublisherOrder order = new PublisherOrder(time, message -> handedOn.add(message.data()));
    private final RecordSigner alice = RecordSigner.generate();
    private final RecordSigner bob = RecordSigner.generate();

    private PubsubMessage message(RecordSigner publisher, long seq) {
        return PubsubMessage.sign(NEWS, publisher, seq, time.instant(), (publisher == alice ? "a" : "b") + seq);
    }

    @Test
    void anEarlyMessageWaitsForTheOneBeforeIt() {
        order.offer(message(alice, 100));
        order.offer(message(alice, 102));
        order.offer(message(bob, 7));
        assertEquals(List.of("a100", "b7"), handedOn);

        order.offer(message(alice, 101));
        assertEquals(List.of("a100", "b7", "a101", "a102"), handedOn);
        assertEquals(0, order.gaps());
    }

    @Test
    void aGapIsGivenUpOnAfterTheWaitAndAStragglerStillGoesOn() {
        order.offer(message(alice, 100));
        order.offer(message(alice, 103));
        order.offer(message(alice, 102));
        time.runFor(PublisherOrder.GAP_WAIT.minusMillis(1));
        assertEquals(List.of("a100"), handedOn);

        time.runFor(Duration.ofMillis(2));
        assertEquals(List.of("a100", "a102", "a103"), handedOn);
        assertEquals(1, order.gaps());

        order.offer(message(alice, 101));
        order.offer(message(alice, 104));
        assertEquals(List.of("a100", "a102", "a103", "a101", "a104"), handedOn);
    }

    @Test
    void eachGapWaitsItsOwnTurnAndIsReported() {
        List<String> missed = new ArrayList<>();
        PublisherOrder reporting = new PublisherOrder(time, message -> handedOn.add(message.data()),
                (publisher, firstSeq, lastSeq) -> missed.add(firstSeq + ".." + lastSeq));
        reporting.offer(message(alice, 100));
        reporting.offer(message(alice, 102));
        reporting.offer(message(alice, 105));

        time.runFor(PublisherOrder.GAP_WAIT.plusMillis(1));
        assertEquals(List.of("a100", "a102"), handedOn);
        time.runFor(PublisherOrder.GAP_WAIT);
        assertEquals(List.of("a100", "a102", "a105"), handedOn, "the second gap is given up on without a new message");
        assertEquals(List.of("101..101", "103..104"), missed);
    }

    @Test
    void aFarJumpStartsANewRunAtOnce() {
        order.offer(message(alice, 100));
        order.offer(message(alice, 100 + PublisherOrder.MAX_GAP + 2));
        assertEquals(List.of("a100", "a" + (100 + PublisherOrder.MAX_GAP + 2)), handedOn);
    }
}
