package io.kadmesh.pubsub;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A returning subscriber while it catches up: live messages wait until what it missed has gone to it,
 * so that it gets them in the order they were published, each once. What it missed may come from a
 * root's history before this node's own delivery of it: those ids stay here, so that the late
 * delivery is not handed on again. Lives on the node's scheduler.
 */
final class CatchingUp implements Subscriber {

    private final Subscriber subscriber;
    private List<PubsubMessage> live = new ArrayList<>();
    /** The ids of what it missed and got in the catch-up: at most one history reply's worth. */
    private final Set<String> replayed = new HashSet<>();

    CatchingUp(Subscriber subscriber) {
        this.subscriber = subscriber;
    }

    @Override
    public boolean deliver(PubsubMessage message) {
        if (live != null) {
            live.add(message);
            return true;
        }
        return replayed.contains(message.id()) || subscriber.deliver(message);
    }

    /** Hands on {@code missed}, then the live messages that came meanwhile and were not among them. */
    void caughtUp(List<PubsubMessage> missed) {
        for (PubsubMessage message : missed) {
            replayed.add(message.id());
            subscriber.deliver(message);
        }
        List<PubsubMessage> waiting = live;
        live = null;
        waiting.forEach(this::deliver);
    }

    @Override
    public boolean isGone() {
        return subscriber.isGone();
    }

    /** Whether this stands for {@code other}. */
    boolean isFor(Subscriber other) {
        return subscriber.equals(other);
    }
}
