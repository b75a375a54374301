package io.kadmesh.dht.rpc;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.kadmesh.dht.Scheduler;
import io.kadmesh.spi.transport.PeerLink;

/**
 * Frames on their way from the transport to the node's scheduler. Each link's frames wait in its
 * bounded queue ({@link InboundQueues}). One turn at a time is queued on the scheduler, however fast
 * frames come: a turn counts the frames shed since the last one against their links, reads up to
 * {@link #FRAMES_PER_TURN} frames in turn among the links, and queues the next turn if frames still
 * wait. So a flood waits in its link's bounded queue, not in the scheduler's, and the transport,
 * whose thread the scheduler may share, runs between two turns.
 */
final class Inbox {

    /** Most frames one turn reads before other work, the transport's included, runs. */
    static final int FRAMES_PER_TURN = 64;

    private final InboundQueues queues;
    private final Scheduler scheduler;
    private final BiConsumer<PeerLink, String> receive;
    private final Consumer<PeerLink> shed;
    private final AtomicBoolean turnQueued = new AtomicBoolean();

    /** Frames go to {@code receive} on {@code scheduler}; every shed frame's link, to {@code shed}. */
    Inbox(InboundQueues queues, Scheduler scheduler, BiConsumer<PeerLink, String> receive, Consumer<PeerLink> shed) {
        this.queues = queues;
        this.scheduler = scheduler;
        this.receive = receive;
        this.shed = shed;
    }

    /**
     * Queues {@code frame} of {@code link}, from any thread. True when the frame was shed because the
     * link has too many frames waiting and it is the first of the link's frames shed since the last
     * turn: the caller then tells the peer. Its later frames shed before the next turn go unanswered,
     * so a flood costs no write per frame; an answer to a shed frame names no request anyway.
     */
    boolean offer(PeerLink link, String frame) {
        int shedSoFar = queues.offer(link, frame);
        turnSoon();
        return shedSoFar == 1;
    }

    private void turnSoon() {
        if (turnQueued.compareAndSet(false, true)) {
            scheduler.execute(this::turn);
        }
    }

    private void turn() {
        turnQueued.set(false);
        queues.takeShed().forEach((link, frames) -> {
            for (int i = 0; i < frames; i++) {
                shed.accept(link);
            }
        });
        for (int i = 0; i < FRAMES_PER_TURN; i++) {
            InboundQueues.Waiting next = queues.next();
            if (next == null) {
                return;
            }
            receive.accept(next.link(), next.frame());
        }
        turnSoon();
    }
}
