package io.kadmesh.pubsub;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.Scheduler;
import io.kadmesh.dht.rpc.TokenBucket;

/**
 * What one node holds of one channel, in both its parts: as one of the channel's roots, the member
 * nodes and the publishers' rates; as a member, its local subscribers, the roots it subscribed at and
 * what it delivered. The history serves both. Lives on the node's scheduler.
 */
final class Topic {

    /** Message ids a member remembers per channel, to deliver each once. */
    static final int REMEMBERED_IDS = 1024;

    final ChannelName name;
    final History history = new History();
    final RecentIds delivered = new RecentIds(REMEMBERED_IDS);
    final PublisherOrder order;
    /** As a root: the member nodes, by id, and until when each subscription holds. */
    final Map<NodeId, Member> members = new LinkedHashMap<>();
    /**
     * As a root: the member nodes it dropped after a delivery failed, each with the first message it did
     * not take, oldest drop first, at most {@link #REMEMBERED_IDS}. A member that subscribes again gets
     * that message and what followed, whatever it names as the last it took: other roots may have
     * delivered it later messages meanwhile.
     */
    final Map<NodeId, String> owed = new LinkedHashMap<>();
    /** As a root: whether it asked the other roots for their history when it took up its duty. */
    boolean tookOver;
    /** As a root: each publisher's rate on this channel. */
    final Map<NodeId, TokenBucket> rates = new LinkedHashMap<>();
    /** As a member: the local subscribers. */
    final List<Subscriber> locals = new ArrayList<>();
    /** As a member or publisher: the roots found last, nearest the key first, and when. */
    List<Contact> roots = List.of();
    Instant rootsFoundAt = Instant.MIN;
    /** As a member or publisher: how long roots once found are used before they are looked up again. */
    final Duration rootsFreshFor;
    /** Whether a lookup refreshes the roots, which are used meanwhile. */
    boolean refreshingRoots;
    /** As a member: the id of the last message it took, where a rejoin asks the roots to go on from. */
    String lastDelivered;
    /** As a member: when its first local subscriber subscribed, for roots new to it while it took no message. */
    Instant memberSince;
    /** As a member: the last subscription, or renewal, at the roots; completes with how many took it. */
    CompletableFuture<Integer> joined = CompletableFuture.completedFuture(0);
    /** As a member: the roots that took its subscription, by id. */
    final Set<NodeId> joinedRoots = new HashSet<>();
    /** As a member: whether a rejoin after a failed subscription is scheduled. */
    boolean rejoining;
    /** As a publisher: the last seq this node used on the channel, 0 before its first message. */
    long lastSeq;

    record Member(Contact contact, Instant until) {
    }

    /**
     * The channel {@code name} at node {@code self}, on {@code scheduler}, telling {@code missing} of each
     * gap given up on.
     */
    Topic(ChannelName name, NodeId self, Scheduler scheduler, PublisherOrder.Gaps missing) {
        this.name = name;
        this.order = new PublisherOrder(scheduler, this::handOn, missing);
        this.rootsFreshFor = rootsFreshFor(name, self);
    }

    /**
     * {@link Pubsub#ROOTS_FRESH_FOR}, less up to a quarter of it that the channel and the node choose:
     * nodes that found a channel's roots together, as when many subscribe at once, then look again
     * spread over a quarter of the period instead of all in the same second.
     */
    static Duration rootsFreshFor(ChannelName name, NodeId self) {
        long quarter = Pubsub.ROOTS_FRESH_FOR.toMillis() / 4;
        return Pubsub.ROOTS_FRESH_FOR.minusMillis(Math.floorMod(31L * name.key().hashCode() + self.hashCode(), quarter));
    }

    /** Hands one message, in its publisher's order, to every local subscriber; drops those gone. */
    private void handOn(PubsubMessage message) {
        locals.removeIf(subscriber -> !subscriber.deliver(message));
    }

    /** As a root: drops {@code member}, which did not take {@code message}, and remembers what it is owed. */
    void dropMember(NodeId member, String message) {
        members.remove(member);
        owe(member, message);
    }

    /**
     * As a root: remembers that {@code member} did not take {@code message}, unless it is owed an earlier
     * one already, so that it gets everything from there when it subscribes or renews.
     */
    void owe(NodeId member, String message) {
        if (!owed.containsKey(member) && owed.size() >= REMEMBERED_IDS) {
            owed.remove(owed.keySet().iterator().next());
        }
        owed.putIfAbsent(member, message);
    }

    /** Whether this node holds nothing of the channel worth keeping. */
    boolean isIdle() {
        return locals.isEmpty() && members.isEmpty() && history.isEmpty();
    }
}
