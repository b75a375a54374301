package io.kadmesh.pubsub;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import org.jboss.logging.Logger;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.rpc.TokenBucket;
import io.kadmesh.spi.transport.Failures;

/**
 * A node's part as a member of the channels its local subscribers follow: it subscribes and renews at
 * the channel's roots, rejoins new roots when one fails, and fetches what a returning subscriber
 * missed. Lives on the node's scheduler.
 */
final class Membership {

    private static final Logger LOG = Logger.getLogger(Membership.class);

    /**
     * How long after giving up on a gap a member asks the roots for what is still missing: a message
     * late rather than lost comes meanwhile, and costs no request.
     */
    static final Duration FETCH_DELAY = Duration.ofSeconds(2);
    /**
     * Gaps a node fetches a second, all channels together: a publisher that skips numbers on purpose,
     * under many keys, must not make every member send the roots a request for each gap.
     */
    static final int FETCHES_PER_SECOND = 10;
    /**
     * How long after a root left the routing table the member looks the roots up again: long enough
     * that roots lost together, as when their host dies, cost one lookup.
     */
    static final Duration LOST_ROOT_DELAY = Duration.ofMillis(100);

    private final Pubsub pubsub;
    private final TokenBucket fetches;

    Membership(Pubsub pubsub) {
        this.pubsub = pubsub;
        this.fetches = new TokenBucket(FETCHES_PER_SECOND, pubsub.clock().millis());
    }

    /**
     * Subscribes, or renews, at each of the channel's roots; completes with how many took it. It names
     * the last message it took, or when it first subscribed if it took none, so that a root it is new to
     * (a new root, or one that dropped it) answers what came after.
     */
    CompletableFuture<Integer> join(Topic topic) {
        CompletableFuture<Integer> joined = pubsub.roots(topic).thenCompose(roots -> {
            topic.joinedRoots.removeIf(id -> roots.stream().noneMatch(root -> root.id().equals(id)));
            List<CompletableFuture<Boolean>> subs = new ArrayList<>();
            for (Contact root : roots) {
                subs.add(subscribeAt(topic, root));
            }
            return CompletableFuture.allOf(subs.toArray(CompletableFuture[]::new))
                    .thenApply(all -> (int) subs.stream().filter(CompletableFuture::join).count());
        });
        topic.joined = joined;
        return joined;
    }

    private CompletableFuture<Boolean> subscribeAt(Topic topic, Contact root) {
        String body = PubsubFrames.subscription(topic.name, topic.lastDelivered, topic.memberSince);
        return ask(root, body).thenApply(messages -> {
            topic.joinedRoots.add(root.id());
            PubsubFrames.messagesIn(messages).forEach(this::receiveChecked);
            return true;
        }).exceptionally(failure -> {
            LOG.debugf("subscribing to '%s' at root %s failed: %s", topic.name, root, Failures.cause(failure));
            topic.joinedRoots.remove(root.id());
            rejoinSoon(topic, Pubsub.REJOIN_DELAY);
            return false;
        });
    }

    /**
     * A publisher's messages {@code firstSeq} to {@code lastSeq} did not come within the gap's wait. If
     * some still have not come {@link #FETCH_DELAY} later (a late one needs no fetch), they are asked of
     * the channel's roots, one root after another while any is missing: a delivery lost on its way
     * (from a forwarder, or late beyond a root's patience) is not waited for until the next renewal, by
     * which time a busy channel's history may no longer hold it. Beyond {@value #FETCHES_PER_SECOND}
     * gaps a second the rest wait for the renewal, as before.
     */
    void fetchLater(ChannelName channel, NodeId publisher, long firstSeq, long lastSeq) {
        pubsub.scheduler().schedule(FETCH_DELAY, () -> {
            Topic topic = pubsub.existingTopic(channel);
            if (topic == null || topic.locals.isEmpty()) {
                return;
            }
            List<String> missing = LongStream.rangeClosed(firstSeq, lastSeq)
                    .mapToObj(seq -> PubsubMessage.idOf(channel, publisher, seq))
                    .filter(id -> !topic.delivered.contains(id)).toList();
            if (missing.isEmpty()) {
                return;
            }
            if (fetches.take(pubsub.clock().millis())) {
                fetch(topic, new ArrayDeque<>(topic.roots), missing);
            } else {
                LOG.debugf("over %d fetches a second: %d missed messages of '%s' wait for the renewal",
                        FETCHES_PER_SECOND, missing.size(), channel);
            }
        });
    }

    private void fetch(Topic topic, Deque<Contact> roots, List<String> missing) {
        Contact root = roots.poll();
        if (root == null) {
            LOG.debugf("no root of '%s' holds %d missed messages", topic.name, missing.size());
            return;
        }
        ask(root, PubsubFrames.fetch(topic.name, missing)).whenComplete((reply, failure) -> {
            if (reply != null) {
                PubsubFrames.messagesIn(reply).stream().filter(message -> missing.contains(message.id()))
                        .forEach(this::receiveChecked);
            }
            List<String> still = missing.stream().filter(id -> !topic.delivered.contains(id)).toList();
            if (!still.isEmpty()) {
                fetch(topic, roots, still);
            }
        });
    }

    /** Sends a pubsub request to {@code node}, or answers it here when that is this node. */
    private CompletableFuture<String> ask(Contact node, String body) {
        if (!pubsub.isSelf(node)) {
            return pubsub.dht().call(node, PubsubFrames.SERVICE, body);
        }
        try {
            return CompletableFuture.completedFuture(pubsub.answer(pubsub.dht().contact(), body));
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }

    /**
     * The node {@code id} left the routing table (it could not be dialed, or stopped answering): every
     * channel subscribed at it as a root looks its roots up again, after {@link #LOST_ROOT_DELAY}, and
     * subscribes at the new ones, rather than waiting for its renewal. A root killed while it delivered
     * to this member, over a link, is found out at once so.
     */
    void contactLost(NodeId id) {
        for (Topic topic : pubsub.topics()) {
            if (topic.joinedRoots.remove(id) && !topic.locals.isEmpty()) {
                LOG.debugf("root %s of '%s' left the routing table; looking the roots up again", id, topic.name);
                rejoinSoon(topic, LOST_ROOT_DELAY);
            }
        }
    }

    /**
     * A root did not take a subscription, or left the routing table: the roots are looked up again and
     * subscribed at after {@code delay}, rather than at the next renewal; what the member missed
     * meanwhile comes with the new roots' answers, from their history.
     */
    private void rejoinSoon(Topic topic, Duration delay) {
        topic.rootsFoundAt = Instant.MIN;
        if (!topic.rejoining) {
            topic.rejoining = true;
            pubsub.scheduler().schedule(delay, () -> {
                topic.rejoining = false;
                if (!topic.locals.isEmpty()) {
                    join(topic);
                }
            });
        }
    }

    /** Takes a message a root sent back, once: a repeat is dropped unchecked, as {@link Pubsub#receive} would. */
    private void receiveChecked(PubsubMessage message) {
        Topic topic = pubsub.existingTopic(message.channel());
        if (topic != null && !topic.delivered.contains(message.id())
                && message.problem(pubsub.clock().instant()).isEmpty()) {
            pubsub.receive(message);
        }
    }

    /** What a returning subscriber missed after {@code lastEventId}: from this node's history, or a root's. */
    CompletableFuture<List<PubsubMessage>> missed(Topic topic, String lastEventId) {
        Optional<List<PubsubMessage>> here = topic.history.after(lastEventId);
        return here.isPresent() ? CompletableFuture.completedFuture(here.get()) : fromRoots(topic, lastEventId, 0);
    }

    private CompletableFuture<List<PubsubMessage>> fromRoots(Topic topic, String since, int index) {
        if (index >= topic.roots.size()) {
            return CompletableFuture.completedFuture(List.of());
        }
        Contact root = topic.roots.get(index);
        String body = PubsubFrames.since("history", topic.name, since);
        return ask(root, body).thenApply(messages -> PubsubFrames.messagesIn(messages).stream()
                .filter(message -> message.problem(pubsub.clock().instant()).isEmpty()).toList())
                .exceptionallyCompose(failure -> fromRoots(topic, since, index + 1));
    }
}
