package io.kadmesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The node's traffic totals, and their rates over the last ten seconds, at times the test chooses. */
class TransferMeterTest {

    private static final double EXACT = 1e-9;

    @Test
    void mustCountEveryFrameAndItsBytes() {
        TransferMeter meter = new TransferMeter(0);
        meter.received(100);
        meter.received(23);
        meter.sent(7);

        Transfer transfer = meter.read(1_000);

        assertEquals(123, transfer.bytesIn());
        assertEquals(7, transfer.bytesOut());
        assertEquals(2, transfer.messagesIn());
        assertEquals(1, transfer.messagesOut());
    }

    @Test
    void mustRateSinceTheStartWhileYoungerThanTheWindow() {
        TransferMeter meter = new TransferMeter(0);
        meter.received(3_000);
        meter.sample(1_000);
        meter.sent(1_000);

        Transfer transfer = meter.read(2_000);

        assertEquals(1_500, transfer.bytesInPerSecond(), EXACT);
        assertEquals(500, transfer.bytesOutPerSecond(), EXACT);
        assertEquals(2, transfer.rateWindowSeconds(), EXACT);
    }

    @Test
    void mustRateOnlyTheLastTenSecondsOnceRunningLonger() {
        TransferMeter meter = new TransferMeter(0);
        meter.received(1_000_000);
        for (int second = 1; second <= 30; second++) {
            if (second > 20) {
                meter.received(2_048);
            }
            meter.sample(second * 1_000L);
        }

        Transfer transfer = meter.read(30_000);

        assertEquals(10, transfer.rateWindowSeconds(), EXACT, "the oldest sample kept is ten seconds old");
        assertEquals(2_048, transfer.bytesInPerSecond(), EXACT, "the burst at the start has left the window");
        assertEquals(0, transfer.bytesOutPerSecond(), EXACT);
    }

    @Test
    void mustAnswerNoRateBeforeAnyTimePassed() {
        TransferMeter meter = new TransferMeter(5_000);
        meter.received(10);

        Transfer transfer = meter.read(5_000);

        assertEquals(0, transfer.bytesInPerSecond(), EXACT);
        assertEquals(0, transfer.rateWindowSeconds(), EXACT);
    }

    @Test
    void mustRateSinceTheNewestSampleWhenSamplingFellBehind() {
        TransferMeter meter = new TransferMeter(0);
        meter.sample(1_000);
        meter.sent(5_900);

        Transfer transfer = meter.read(60_000);

        assertEquals(59, transfer.rateWindowSeconds(), EXACT, "no sample within the window: since the newest");
        assertEquals(100, transfer.bytesOutPerSecond(), EXACT);
    }
}
