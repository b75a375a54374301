package io.kadmesh.pubsub;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.node.DhtNode;

/**
 * Sends a message to member nodes: to each directly when they are at most the fan-out, and otherwise
 * as a tree of that degree: the members split into fan-out groups, and the first of each group gets
 * the message with the rest of its group to pass it on to, split again the same way. A forwarder that
 * cannot be reached is skipped: its group gets the message from here.
 */
final class Delivery {

    /** The default fan-out, and the largest: most nodes one node sends one message to. */
    static final int FANOUT = 16;
    /** The smallest fan-out: below it the tree would be a chain. */
    static final int MIN_FANOUT = 2;
    /**
     * Most nodes a delivery may name to forward to, whatever the sender's fan-out: two more levels of
     * the widest tree. A protocol bound, so that nodes of different fan-outs take each other's deliveries.
     */
    static final int MAX_FORWARD = FANOUT * FANOUT;

    private final DhtNode dht;
    private final Predicate<PubsubMessage> here;
    private final int fanOut;

    /**
     * Delivers over {@code dht} to at most {@code fanOut} nodes a message; a delivery to this node goes
     * to {@code here}.
     */
    Delivery(DhtNode dht, Predicate<PubsubMessage> here, int fanOut) {
        if (fanOut < MIN_FANOUT || fanOut > FANOUT) {
            throw new IllegalArgumentException(
                    "the fan-out must be between " + MIN_FANOUT + " and " + FANOUT + ", got " + fanOut);
        }
        this.dht = dht;
        this.here = here;
        this.fanOut = fanOut;
    }

    /**
     * Most member nodes this node can deliver a message to: as many groups as its fan-out, each of a
     * first node and the {@value #MAX_FORWARD} it may name to forward to.
     */
    int reach() {
        return fanOut * (MAX_FORWARD + 1);
    }

    /**
     * Sends {@code message} to every one of {@code members}, this node's own subscribers first when it
     * is one; tells {@code missed} of each that did not take it, and why: it refused it, did not
     * answer in time, or could not be reached.
     */
    void deliver(PubsubMessage message, List<Contact> members, BiConsumer<Contact, Throwable> missed) {
        List<Contact> others = new ArrayList<>(members.size());
        for (Contact member : members) {
            if (member.id().equals(dht.id())) {
                here.test(message);
            } else {
                others.add(member);
            }
        }
        spread(message, others, missed);
    }

    /** Sends {@code message} to {@code members}, none of them this node: directly, or through a tree. */
    private void spread(PubsubMessage message, List<Contact> members, BiConsumer<Contact, Throwable> missed) {
        if (members.size() <= fanOut) {
            String body = PubsubFrames.delivery(message, List.of());
            members.forEach(member -> send(message, body, member, List.of(), missed));
            return;
        }
        List<List<Contact>> groups = new ArrayList<>();
        for (int i = 0; i < fanOut; i++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < members.size(); i++) {
            groups.get(i % fanOut).add(members.get(i));
        }
        groups.forEach(group -> {
            List<Contact> forward = group.subList(1, group.size());
            send(message, PubsubFrames.delivery(message, forward), group.get(0), forward, missed);
        });
    }

    /** Sends {@code body}, the delivery of {@code message} asking {@code member} to forward it to {@code forward}. */
    private void send(PubsubMessage message, String body, Contact member, List<Contact> forward,
            BiConsumer<Contact, Throwable> missed) {
        dht.call(member, PubsubFrames.SERVICE, body).whenComplete((ok, failure) -> {
            if (failure != null) {
                missed.accept(member, failure);
                spread(message, forward, missed);
            }
        });
    }
}
