package io.kadmesh.pubsub;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.node.DhtNode;

/**
 * Sends a message to member nodes: to each directly when they are at most {@value #FANOUT}, and
 * otherwise as a tree of degree {@value #FANOUT}: the members split into {@value #FANOUT} groups, and
 * the first of each group gets the message with the rest of its group to pass it on to, split again
 * the same way. A forwarder that cannot be reached is skipped: its group gets the message from here.
 */
final class Delivery {

    /** Most nodes one node sends one message to. */
    static final int FANOUT = 16;
    /** Most nodes a delivery may name to forward to: two more levels of the tree. */
    static final int MAX_FORWARD = FANOUT * FANOUT;

    private final DhtNode dht;
    private final Predicate<PubsubMessage> here;

    /** Delivers over {@code dht}; a delivery to this node goes to {@code here}. */
    Delivery(DhtNode dht, Predicate<PubsubMessage> here) {
        this.dht = dht;
        this.here = here;
    }

    /** Sends {@code message} to every one of {@code members}; tells {@code gone} of each that did not take it. */
    void deliver(PubsubMessage message, List<Contact> members, Consumer<Contact> gone) {
        if (members.size() <= FANOUT) {
            String body = PubsubFrames.delivery(message, List.of());
            members.forEach(member -> send(message, body, member, List.of(), gone));
            return;
        }
        List<List<Contact>> groups = new ArrayList<>();
        for (int i = 0; i < FANOUT; i++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < members.size(); i++) {
            groups.get(i % FANOUT).add(members.get(i));
        }
        groups.forEach(group -> {
            List<Contact> forward = group.subList(1, group.size());
            send(message, PubsubFrames.delivery(message, forward), group.get(0), forward, gone);
        });
    }

    /** Sends {@code body}, the delivery of {@code message} asking {@code member} to forward it to {@code forward}. */
    private void send(PubsubMessage message, String body, Contact member, List<Contact> forward,
            Consumer<Contact> gone) {
        if (member.id().equals(dht.id())) {
            here.test(message);
            deliver(message, forward, gone);
            return;
        }
        dht.call(member, PubsubFrames.SERVICE, body).whenComplete((ok, failure) -> {
            if (failure != null) {
                gone.accept(member);
                deliver(message, forward, gone);
            }
        });
    }
}
