package io.kadmesh.node;

import java.util.concurrent.atomic.LongAdder;

/**
 * The node's peer-protocol traffic: frames and their bytes on the wire (UTF-8), in and out, counted
 * as its endpoint reports them, whether metrics are on or off, and the rates of the last
 * {@value #WINDOW_SECONDS} seconds computed from these counters (requirement 7.4 asks for more than
 * 1 KB/s). The counters take any thread; {@link #sample} runs once a second on the node's scheduler.
 */
final class TransferMeter {

    /** The span of the rates, in seconds: samples are taken each second and this many kept. */
    static final int WINDOW_SECONDS = 10;

    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder messagesIn = new LongAdder();
    private final LongAdder messagesOut = new LongAdder();
    /** Taken at {@code millis[i]}: the bytes in and out then. A ring, {@code next} the slot to fill next. */
    private final long[] millis = new long[WINDOW_SECONDS + 1];
    private final long[] sampledIn = new long[WINDOW_SECONDS + 1];
    private final long[] sampledOut = new long[WINDOW_SECONDS + 1];
    private int next;
    private int taken;

    /** Starts counting at {@code nowMillis}: the first sample is nothing, then. */
    TransferMeter(long nowMillis) {
        sample(nowMillis);
    }

    void received(long bytes) {
        bytesIn.add(bytes);
        messagesIn.increment();
    }

    void sent(long bytes) {
        bytesOut.add(bytes);
        messagesOut.increment();
    }

    /** Notes the totals at {@code nowMillis}, forgetting the sample older than the window. */
    synchronized void sample(long nowMillis) {
        millis[next] = nowMillis;
        sampledIn[next] = bytesIn.sum();
        sampledOut[next] = bytesOut.sum();
        next = (next + 1) % millis.length;
        taken = Math.min(taken + 1, millis.length);
    }

    /**
     * The totals now, and the rates since the oldest sample kept that is at most {@value #WINDOW_SECONDS}
     * seconds old: the last ten seconds, once the node runs that long (the newest sample, should every
     * one be older, as when the scheduler fell behind).
     */
    synchronized Transfer read(long nowMillis) {
        int oldest = sinceWindowStart(nowMillis);
        long in = bytesIn.sum();
        long out = bytesOut.sum();
        long spanMillis = nowMillis - millis[oldest];
        double seconds = spanMillis / 1000.0;
        double inRate = spanMillis > 0 ? (in - sampledIn[oldest]) / seconds : 0;
        double outRate = spanMillis > 0 ? (out - sampledOut[oldest]) / seconds : 0;
        return new Transfer(in, out, messagesIn.sum(), messagesOut.sum(), inRate, outRate, seconds);
    }

    /** The slot of the oldest sample at most the window old, else of the newest. */
    private int sinceWindowStart(long nowMillis) {
        int first = taken < millis.length ? 0 : next;
        for (int i = 0; i < taken; i++) {
            int slot = (first + i) % millis.length;
            if (nowMillis - millis[slot] <= WINDOW_SECONDS * 1000L) {
                return slot;
            }
        }
        return (next + millis.length - 1) % millis.length;
    }
}
