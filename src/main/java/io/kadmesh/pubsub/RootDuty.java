package io.kadmesh.pubsub;

import java.time.Instant;
import java.util.List;

import org.jboss.logging.Logger;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.node.ServiceRefusedException;
import io.kadmesh.dht.protocol.ErrorCode;
import io.kadmesh.dht.rpc.TokenBucket;
import io.kadmesh.spi.transport.Failures;

/**
 * A node's part as one of a channel's roots: it keeps the member nodes as soft state, takes
 * publications, keeps the history, hands each new message to the other roots and delivers it to every
 * member. Lives on the node's scheduler.
 */
final class RootDuty {

    /** How the log names a member a root dropped, as it refused a delivery; {@code bench/pubsub.sh} counts them. */
    static final String DROPPED_MEMBER = "dropped member";
    /**
     * How the log names a delivery a member did not answer in time or could not be sent; the member stays.
     * {@code bench/pubsub.sh} counts them.
     */
    static final String MISSED_DELIVERY = "missed delivery";

    /**
     * Most channels a second whose history this node takes over: each costs a lookup of the roots and
     * a request to each other root, and a peer must not make it send those for every name it invents.
     */
    static final int TAKEOVERS_PER_SECOND = 20;

    private static final Logger LOG = Logger.getLogger(RootDuty.class);

    private final Pubsub pubsub;
    private final Delivery delivery;
    private final TokenBucket subscriptions;
    private final TokenBucket takeovers;

    RootDuty(Pubsub pubsub, Delivery delivery) {
        this.pubsub = pubsub;
        this.delivery = delivery;
        this.subscriptions = new TokenBucket(Pubsub.SUBSCRIPTIONS_PER_SECOND, pubsub.clock().millis());
        this.takeovers = new TokenBucket(TAKEOVERS_PER_SECOND, pubsub.clock().millis());
    }

    /**
     * A member node subscribes here, as at one of the channel's roots, or renews. It names the last
     * message it took as {@code since}: a node that is not a member here now (new, or dropped after a
     * delivery failed) gets what this root holds after that message, all it holds when it does not know
     * it; a member that took no message yet names, as {@code from}, when it first subscribed, and gets
     * what this root holds published since. A member renewing gets nothing more. A member this root
     * dropped gets, instead, every message from the first it did not take: it may have taken later ones
     * from another root meanwhile.
     */
    String subscribe(Contact member, PubsubFrames.Request request) {
        if (!subscriptions.take(pubsub.clock().millis())) {
            throw new ServiceRefusedException(ErrorCode.RATE_LIMITED, "over " + Pubsub.SUBSCRIPTIONS_PER_SECOND
                    + " subscriptions a second");
        }
        Topic topic = pubsub.topic(request.channel());
        takeOver(topic);
        Instant now = pubsub.clock().instant();
        refuseIfFull(topic, member, now);
        Topic.Member was = topic.members.put(member.id(), new Topic.Member(member, now.plus(Pubsub.MEMBER_TTL)));
        boolean renewing = was != null && !was.until().isBefore(now);
        List<PubsubMessage> missed = missed(topic, topic.owed.remove(member.id()), renewing, request.since(),
                request.from());
        return firstPage(missed);
    }

    /** Refuses a new member when the channel has as many live members here as this node's tree reaches. */
    private void refuseIfFull(Topic topic, Contact member, Instant now) {
        if (topic.members.containsKey(member.id()) || topic.members.size() < delivery.reach()) {
            return;
        }
        topic.members.values().removeIf(lapsed -> lapsed.until().isBefore(now));
        if (topic.members.size() >= delivery.reach()) {
            throw new ServiceRefusedException(ErrorCode.REFUSED, "channel '" + topic.name.value() + "' has "
                    + delivery.reach() + " member nodes at this root, the most its delivery tree reaches");
        }
    }

    /** What a subscribing member gets first: see {@link #subscribe}. */
    private static List<PubsubMessage> missed(Topic topic, String owed, boolean renewing, String since,
            Instant from) {
        if (owed != null) {
            return topic.history.from(owed).orElse(topic.history.all());
        }
        if (renewing || since == null && from == null) {
            return List.of();
        }
        if (since == null) {
            return topic.history.publishedFrom(from);
        }
        return topic.history.after(since).orElse(topic.history.all());
    }

    String unsubscribe(Contact member, PubsubFrames.Request request) {
        Topic topic = pubsub.existingTopic(request.channel());
        if (topic != null) {
            topic.members.remove(member.id());
            topic.owed.remove(member.id());
        }
        return PubsubFrames.ok();
    }

    String history(PubsubFrames.Request request) {
        Topic topic = pubsub.existingTopic(request.channel());
        String since = request.since();
        List<PubsubMessage> held = topic == null ? List.of()
                : since == null ? topic.history.all() : topic.history.after(since).orElse(topic.history.all());
        return firstPage(held);
    }

    /** The reply holding the first of {@code held} that fit one page, saying whether more were left out. */
    private static String firstPage(List<PubsubMessage> held) {
        List<PubsubMessage> page = History.page(held);
        return PubsubFrames.messages(page, page.size() < held.size());
    }

    /** Answers a member asking for messages by id: those of them this node holds, a reply's page. */
    String fetch(PubsubFrames.Request request) {
        Topic topic = pubsub.existingTopic(request.channel());
        List<PubsubMessage> held = topic == null ? List.of() : topic.history.find(request.ids());
        return firstPage(held);
    }

    /**
     * Takes {@code message} as one of its channel's roots: checks it, keeps it, and, unless it was here
     * already, hands it to the other roots and delivers it to every member node. Returns its id.
     */
    String accept(PubsubMessage message) {
        pubsub.refuseIfUnsound(message);
        Topic topic = pubsub.topic(message.channel());
        pubsub.checkRate(topic, message.publisher());
        takeOver(topic);
        if (topic.history.add(message, pubsub.clock().instant())) {
            handOn(topic, message, true);
            Instant now = pubsub.clock().instant();
            topic.members.values().removeIf(member -> member.until().isBefore(now));
            delivery.deliver(message, topic.members.values().stream().map(Topic.Member::contact).toList(),
                    (member, failure) -> notTaken(topic, member, message, failure));
        }
        return message.id();
    }

    /**
     * A member did not take a delivery. One that refused it (it has no subscriber of the channel any
     * more) is dropped. One that did not answer in time, or could not be reached, stays a member: on a
     * loaded machine the answer is late far more often than the delivery lost, and dropping it would
     * make it miss every message until it renews. Either way it is owed the message, and gets it, with
     * those after (repeats are dropped there), when it subscribes or renews here; a dead member lapses
     * with its ttl. Logged, since a subscriber's gap would start here.
     */
    private static void notTaken(Topic topic, Contact member, PubsubMessage message, Throwable failure) {
        Throwable cause = Failures.cause(failure);
        if (cause instanceof ServiceRefusedException refused && refused.code() == ErrorCode.REFUSED) {
            LOG.warnf("%s %s of channel '%s': it refused message %s (%s), which it gets, with those after, when"
                    + " it subscribes again", DROPPED_MEMBER, member.id(), topic.name.value(), message.id(),
                    refused.getMessage());
            topic.dropMember(member.id(), message.id());
        } else {
            LOG.warnf("%s of message %s to member %s of channel '%s' (%s): it stays a member, and gets the message"
                    + " again, with those after, when it renews", MISSED_DELIVERY, message.id(), member.id(),
                    topic.name.value(), Failures.message(cause));
            topic.owe(member.id(), message.id());
        }
    }

    /** Keeps a message another root took; a publisher's rate counts here too, so no flood evicts the history. */
    String keep(PubsubMessage message) {
        pubsub.refuseIfUnsound(message);
        Topic topic = pubsub.topic(message.channel());
        takeOver(topic);
        if (!topic.history.contains(message.id())) {
            pubsub.checkRate(topic, message.publisher());
            topic.history.add(message, pubsub.clock().instant());
        }
        return PubsubFrames.ok();
    }

    /**
     * The first time this node acts as one of the channel's roots, it asks the other roots for the
     * history they hold (a page each) and puts what it lacks before its own: a node that replaced a dead
     * root then serves late and returning subscribers the recent messages, not only those that came
     * after it. The messages are checked as any received are, and must be of this channel; one that fails
     * is left out. At most {@value #TAKEOVERS_PER_SECOND} channels a second: beyond that the next message
     * or subscription of the channel tries again.
     */
    private void takeOver(Topic topic) {
        if (topic.tookOver || !takeovers.take(pubsub.clock().millis())) {
            return;
        }
        topic.tookOver = true;
        String ask = PubsubFrames.since("history", topic.name, null);
        pubsub.roots(topic).thenAccept(roots -> roots.stream().filter(root -> !pubsub.isSelf(root))
                .forEach(root -> pubsub.dht().call(root, PubsubFrames.SERVICE, ask).thenAccept(reply -> {
                    Instant now = pubsub.clock().instant();
                    topic.history.backfill(PubsubFrames.messagesIn(reply).stream()
                            .filter(message -> message.channel().equals(topic.name) && message.problem(now).isEmpty())
                            .toList(), now);
                })));
    }

    /**
     * Hands a new message to the channel's other roots. When one of them does not take it, this root's
     * view of the roots is stale (a root died): it looks them up again, once, and hands it to them all
     * (a root keeps a message once).
     */
    private void handOn(Topic topic, PubsubMessage message, boolean retry) {
        pubsub.roots(topic).thenAccept(roots -> {
            String keep = PubsubFrames.carrying("keep", message);
            for (Contact root : roots) {
                if (!pubsub.isSelf(root)) {
                    pubsub.dht().call(root, PubsubFrames.SERVICE, keep).exceptionally(failure -> {
                        if (retry) {
                            topic.rootsFoundAt = Instant.MIN;
                            handOn(topic, message, false);
                        }
                        return null;
                    });
                }
            }
        });
    }
}
