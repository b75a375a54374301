package io.kadmesh.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.TransportException;
import io.kadmesh.testing.LinkRecorder;

class InMemoryNetworkTest {

    private static final Duration LONG_ENOUGH = Duration.ofMinutes(10);

    private final SimulatedTime time = new SimulatedTime();
    private final InMemoryNetwork network = new InMemoryNetwork(time, new SplittableRandom(7));
    private final LinkRecorder aliceSide = new LinkRecorder(time);
    private final LinkRecorder bobSide = new LinkRecorder(time);
    private final InMemoryTransport alice = network.transport(InMemoryNetwork.address(1));
    private final InMemoryTransport bob = network.transport(InMemoryNetwork.address(2));

    InMemoryNetworkTest() {
        alice.listen(aliceSide);
        bob.listen(bobSide);
    }

    @Test
    void dialOpensBothEndsAfterOneLatency() {
        network.latency(Duration.ofMillis(10), Duration.ofMillis(10));
        CompletableFuture<PeerLink> dial = alice.dial("mem://2", aliceSide).toCompletableFuture();

        time.runFor(Duration.ofMillis(9));
        assertFalse(dial.isDone());
        assertTrue(bobSide.opened.isEmpty());
        time.runFor(Duration.ofMillis(1));

        PeerLink outbound = dial.getNow(null);
        PeerLink inbound = bobSide.lastOpened();
        assertEquals(PeerLink.Direction.OUTBOUND, outbound.direction());
        assertEquals("mem://2", outbound.remoteAddress());
        assertEquals(PeerLink.Direction.INBOUND, inbound.direction());
        assertEquals("mem://1", inbound.remoteAddress());
        assertEquals("in-memory", inbound.transportId());
        assertTrue(outbound.isOpen() && inbound.isOpen());
        assertSame(outbound, aliceSide.lastOpened());
    }

    @Test
    void framesFlowBothWaysInOrderUnderRandomLatency() {
        network.latency(Duration.ofMillis(1), Duration.ofMillis(200));
        PeerLink outbound = connect();
        PeerLink inbound = bobSide.lastOpened();
        List<String> expectedAtBob = new ArrayList<>();
        List<String> expectedAtAlice = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            outbound.send("to bob " + i);
            inbound.send("to alice " + i);
            expectedAtBob.add("to bob " + i);
            expectedAtAlice.add("to alice " + i);
            time.runFor(Duration.ofMillis(i % 3));
        }

        assertTrue(time.runUntilIdle(LONG_ENOUGH));

        assertEquals(expectedAtBob, bobSide.frames);
        assertEquals(expectedAtAlice, aliceSide.frames);
        assertEquals(1000, network.framesDelivered());
    }

    @Test
    void delaysStayWithinTheLatencyBoundsAndSpreadAcrossThem() {
        network.latency(Duration.ofMillis(20), Duration.ofMillis(60));
        PeerLink outbound = connect();
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
        for (int i = 0; i < 500; i++) {
            long sentAt = time.millis();
            outbound.send("ping " + i);
            int wanted = i + 1;
            assertTrue(time.runUntil(() -> bobSide.frames.size() == wanted, LONG_ENOUGH));
            long delay = bobSide.frameMillis.get(i) - sentAt;
            lowest = Math.min(lowest, delay);
            highest = Math.max(highest, delay);
        }

        assertTrue(lowest >= 20 && lowest <= 22, "lowest delay " + lowest);
        assertTrue(highest >= 58 && highest <= 60, "highest delay " + highest);
    }

    @Test
    void dropsAboutTheLossRateOfFrames() {
        network.lossRate(0.2);
        PeerLink outbound = connect();
        for (int i = 0; i < 10_000; i++) {
            outbound.send("frame " + i);
        }

        time.runUntilIdle(LONG_ENOUGH);

        assertEquals(10_000, network.framesSent());
        assertEquals(10_000, network.framesDelivered() + network.framesDropped());
        assertTrue(network.framesDropped() > 1_700 && network.framesDropped() < 2_300,
                "dropped " + network.framesDropped());
    }

    @Test
    void failedNodeNeitherSendsNorReceivesAndGivesNoClose() {
        PeerLink outbound = connect();
        PeerLink inbound = bobSide.lastOpened();
        outbound.send("in flight when bob crashes");

        network.fail("mem://2");
        outbound.send("to the dead");
        inbound.send("from the dead");
        time.runUntilIdle(LONG_ENOUGH);

        assertFalse(network.isUp("mem://2"));
        assertTrue(bobSide.frames.isEmpty());
        assertTrue(aliceSide.frames.isEmpty());
        assertTrue(aliceSide.closes.isEmpty());
        assertTrue(outbound.isOpen());
        assertEquals(3, network.framesDropped());
    }

    @Test
    void dialToFailedNodeIsRefusedAfterOneLatency() {
        network.latency(Duration.ofMillis(30), Duration.ofMillis(30));
        network.fail("mem://2");

        CompletionStage<PeerLink> dial = alice.dial("mem://2", aliceSide);
        time.runFor(Duration.ofMillis(29));
        assertFalse(dial.toCompletableFuture().isDone());
        time.runFor(Duration.ofMillis(1));

        assertConnectFailure(dial, "connection refused");
        assertTrue(bobSide.opened.isEmpty());
    }

    @Test
    void recoveredNodeTakesNewLinksWhileOldOnesStayDead() {
        PeerLink old = connect();
        network.fail("mem://2");
        network.recover("mem://2");

        PeerLink fresh = connect();
        old.send("on the old link");
        fresh.send("on the new link");
        time.runUntilIdle(LONG_ENOUGH);

        assertTrue(network.isUp("mem://2"));
        assertEquals(List.of("on the new link"), bobSide.frames);
    }

    @Test
    void closeReachesThePeerAfterFramesSentBeforeIt() {
        network.latency(Duration.ofMillis(1), Duration.ofMillis(100));
        PeerLink outbound = connect();
        PeerLink inbound = bobSide.lastOpened();
        outbound.send("last words");

        outbound.close(4000, "bye");
        inbound.send("too late");

        assertFalse(outbound.isOpen());
        assertTrue(inbound.isOpen());
        time.runUntilIdle(LONG_ENOUGH);
        assertEquals(List.of("last words"), bobSide.frames);
        assertEquals(List.of("4000 bye"), bobSide.closes);
        assertFalse(inbound.isOpen());
        assertTrue(aliceSide.frames.isEmpty());
        assertEquals(List.of("4000 bye"), aliceSide.closes, "the closing end's handler hears of its own close too");
        assertEquals(1, network.framesDropped());
    }

    @Test
    void closingTheTransportTellsPeersItIsGoingAwayAndStopsListening() {
        connect();
        PeerLink inbound = bobSide.lastOpened();

        bob.close();
        time.runUntilIdle(LONG_ENOUGH);

        assertFalse(inbound.isOpen());
        assertEquals(List.of("1001 going away"), aliceSide.closes);
        CompletionStage<PeerLink> dial = alice.dial("mem://2", aliceSide);
        time.runUntilIdle(LONG_ENOUGH);
        assertConnectFailure(dial, "connection refused");
    }

    @Test
    void sendingOnAClosedLinkFailsInTheSendPhase() {
        PeerLink outbound = connect();
        outbound.close(1000, "done");

        CompletableFuture<Void> sent = outbound.send("after close").toCompletableFuture();

        TransportException failure = failureOf(sent);
        assertEquals(Phase.SEND, failure.phase());
        assertEquals("mem://2", failure.peer());
        assertEquals(0, network.framesSent());
    }

    @Test
    void sendOnAnOpenLinkCompletesAtOnce() {
        PeerLink outbound = connect();

        CompletableFuture<Void> sent = outbound.send("hello").toCompletableFuture();

        assertTrue(sent.isDone() && !sent.isCompletedExceptionally());
    }

    @Test
    void dialToUnknownAddressFailsToConnect() {
        CompletionStage<PeerLink> dial = alice.dial("mem://99", aliceSide);

        time.runUntilIdle(LONG_ENOUGH);

        assertConnectFailure(dial, "connection refused");
    }

    @Test
    void dialToANodeThatDoesNotListenIsRefused() {
        network.transport("mem://3");

        CompletionStage<PeerLink> dial = alice.dial("mem://3", aliceSide);
        time.runUntilIdle(LONG_ENOUGH);

        assertConnectFailure(dial, "connection refused");
    }

    @Test
    void dialToAnotherSchemeFailsToConnect() {
        assertFalse(alice.supports("ws://localhost:8080"));
        assertConnectFailure(alice.dial("ws://localhost:8080", aliceSide), "not an in-memory address");
    }

    @Test
    void addressBelongsToOneOpenTransportAtATime() {
        assertThrows(IllegalArgumentException.class, () -> network.transport("mem://1"));

        alice.close();
        InMemoryTransport restarted = network.transport("mem://1");

        assertEquals("mem://1", restarted.address());
    }

    @Test
    void failingAnUnknownAddressIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> network.fail("mem://42"));
        assertTrue(e.getMessage().contains("address"));
        assertFalse(network.isUp("mem://42"));
    }

    @Test
    void sameSeedGivesTheSameDeliveryTimes() {
        assertEquals(deliveryTimes(11), deliveryTimes(11));
        assertNotEquals(deliveryTimes(11), deliveryTimes(12));
    }

    /** Alice dials Bob; returns Alice's end once open. */
    private PeerLink connect() {
        CompletableFuture<PeerLink> dial = alice.dial("mem://2", aliceSide).toCompletableFuture();
        assertTrue(time.runUntil(dial::isDone, LONG_ENOUGH));
        return dial.getNow(null);
    }

    private static List<Long> deliveryTimes(long seed) {
        SimulatedTime time = new SimulatedTime();
        InMemoryNetwork network = new InMemoryNetwork(time, new SplittableRandom(seed));
        LinkRecorder receiver = new LinkRecorder(time);
        network.transport("mem://2").listen(receiver);
        CompletableFuture<PeerLink> dial = network.transport("mem://1").dial("mem://2", receiver)
                .toCompletableFuture();
        time.runUntil(dial::isDone, LONG_ENOUGH);
        for (int i = 0; i < 100; i++) {
            dial.getNow(null).send("frame");
            time.runFor(Duration.ofMillis(3));
        }
        time.runUntilIdle(LONG_ENOUGH);
        return receiver.frameMillis;
    }

    private static void assertConnectFailure(CompletionStage<PeerLink> dial, String detail) {
        TransportException failure = failureOf(dial.toCompletableFuture());
        assertEquals(Phase.CONNECT, failure.phase());
        assertEquals("in-memory", failure.transportId());
        assertTrue(failure.getMessage().contains(detail), failure.getMessage());
    }

    private static TransportException failureOf(CompletableFuture<?> stage) {
        assertTrue(stage.isCompletedExceptionally(), "stage did not fail");
        CompletionException wrapped = assertThrows(CompletionException.class, () -> stage.getNow(null));
        return assertInstanceOf(TransportException.class, wrapped.getCause());
    }
}
