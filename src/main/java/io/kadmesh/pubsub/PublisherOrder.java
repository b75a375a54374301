package io.kadmesh.pubsub;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.Scheduler;

/**
 * Hands a channel's messages on in each publisher's {@code seq} order. A message that comes after a
 * gap waits up to {@link #GAP_WAIT} for the ones before it; then the held ones go on in order, and a
 * straggler that comes later still goes on when it comes (at least once, before in order). A jump of
 * more than {@value #MAX_GAP} starts a new run at once: a publisher that restarted numbers its messages
 * from its clock, far beyond the last run. Lives on the node's scheduler.
 */
final class PublisherOrder {

    static final Duration GAP_WAIT = Duration.ofMillis(500);
    static final long MAX_GAP = 64;
    /** Publishers whose order is followed at once; beyond, the longest quiet one is forgotten. */
    private static final int MAX_PUBLISHERS = 4096;

    private final Scheduler scheduler;
    private final Consumer<PubsubMessage> next;
    private final Gaps missing;
    private final Map<NodeId, Run> runs = new HashMap<>();
    private long gaps;

    /** Hears of each gap given up on: the publisher's messages {@code firstSeq} to {@code lastSeq} did not come. */
    interface Gaps {
        void missed(NodeId publisher, long firstSeq, long lastSeq);
    }

    PublisherOrder(Scheduler scheduler, Consumer<PubsubMessage> next) {
        this(scheduler, next, (publisher, firstSeq, lastSeq) -> {
        });
    }

    /** As above, telling {@code missing} of each gap given up on. */
    PublisherOrder(Scheduler scheduler, Consumer<PubsubMessage> next, Gaps missing) {
        this.scheduler = scheduler;
        this.next = next;
        this.missing = missing;
    }

    /** One publisher's place: the seq it expects, and what waits for a gap to fill. */
    private final class Run {
        final NodeId publisher;
        long expected;
        final TreeMap<Long, PubsubMessage> held = new TreeMap<>();
        Scheduler.Timer timer;

        Run(NodeId publisher, long expected) {
            this.publisher = publisher;
            this.expected = expected;
        }

        void release() {
            while (held.containsKey(expected)) {
                next.accept(held.remove(expected++));
            }
            if (held.isEmpty() && timer != null) {
                timer.cancel();
                timer = null;
            }
        }

        void giveUpWaiting() {
            timer = null;
            if (!held.isEmpty()) {
                gaps++;
                long firstMissing = expected;
                expected = held.firstKey();
                missing.missed(publisher, firstMissing, expected - 1);
                release();
            }
            if (!held.isEmpty()) {
                timer = scheduler.schedule(GAP_WAIT, this::giveUpWaiting);
            }
        }
    }

    /** Takes one message, which has not been seen before. */
    void offer(PubsubMessage message) {
        Run run = runs.get(message.publisher());
        if (run == null || message.seq() > run.expected + MAX_GAP) {
            if (run != null) {
                run.giveUpWaiting();
            }
            startRun(message);
        } else if (message.seq() < run.expected) {
            next.accept(message);
        } else {
            run.held.put(message.seq(), message);
            run.release();
            if (!run.held.isEmpty() && run.timer == null) {
                run.timer = scheduler.schedule(GAP_WAIT, run::giveUpWaiting);
            }
        }
    }

    private void startRun(PubsubMessage message) {
        if (runs.size() >= MAX_PUBLISHERS && !runs.containsKey(message.publisher())) {
            runs.entrySet().removeIf(entry -> entry.getValue().held.isEmpty());
        }
        runs.put(message.publisher(), new Run(message.publisher(), message.seq() + 1));
        next.accept(message);
    }

    /** How many times a gap was given up on. */
    long gaps() {
        return gaps;
    }
}
