package io.kadmesh.pubsub;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A returning subscriber while it catches up: live messages wait until what it missed has gone to it,
 * so that it gets them in the order they were published, each once. Lives on the node's scheduler.
 */
final class CatchingUp implements Subscriber {

    private final Subscriber subscriber;
    private List<PubsubMessage> live = new ArrayList<>();

    CatchingUp(Subscriber subscriber) {
        this.subscriber = subscriber;
    }

    @Override
    public boolean deliver(PubsubMessage message) {
        if (live != null) {
            live.add(message);
            return true;
        }
        return subscriber.deliver(message);
    }

    /** Hands on {@code missed}, then the live messages that came meanwhile and were not among them. */
    void caughtUp(List<PubsubMessage> missed) {
        Set<String> sent = new HashSet<>();
        for (PubsubMessage message : missed) {
            sent.add(message.id());
            subscriber.deliver(message);
        }
        List<PubsubMessage> waiting = live;
        live = null;
        for (PubsubMessage message : waiting) {
            if (!sent.contains(message.id())) {
                subscriber.deliver(message);
            }
        }
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
