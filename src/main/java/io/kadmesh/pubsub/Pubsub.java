package io.kadmesh.pubsub;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.Scheduler;
import io.kadmesh.dht.node.DhtNode;
import io.kadmesh.dht.node.ServiceRefusedException;
import io.kadmesh.dht.protocol.ErrorCode;
import io.kadmesh.dht.rpc.TokenBucket;
import io.kadmesh.dht.storage.RecordSigner;
import io.kadmesh.spi.transport.Failures;

/**
 * Pubsub on one node ({@code docs/pubsub.md}): publishing through a channel's roots, subscribing its
 * local subscribers as a member node, and the roots' part for the channels this node is a root of. It
 * offers the DHT service {@value PubsubFrames#SERVICE}. Public methods may be called from any thread;
 * the work runs on the node's scheduler.
 */
public final class Pubsub {

    private static final Logger LOG = Logger.getLogger(Pubsub.class);

    /** The nodes nearest a channel's key that deliver it. */
    static final int ROOTS = 3;
    /** How long a root keeps a member node that does not renew. */
    static final Duration MEMBER_TTL = Duration.ofSeconds(30);
    /** How often a member renews its subscriptions, and a node drops what expired. */
    static final Duration RENEW_INTERVAL = Duration.ofSeconds(10);
    /**
     * How long a channel's roots, once found, are used at most before they are looked up again: each node
     * uses them a little less long ({@link Topic#rootsFreshFor}).
     */
    static final Duration ROOTS_FRESH_FOR = Duration.ofSeconds(30);
    /** How long after a root failed to take a subscription the member looks the roots up again. */
    static final Duration REJOIN_DELAY = Duration.ofSeconds(1);
    /** Messages a publisher may publish a second on one channel, and in a burst. */
    static final int PUBLISHES_PER_SECOND = 50;
    /** Member subscriptions a node takes a second, from all its peers together. */
    static final int SUBSCRIPTIONS_PER_SECOND = 200;
    /** The smallest fan-out a node may be given. */
    public static final int MIN_FAN_OUT = Delivery.MIN_FANOUT;
    /** The largest fan-out, and the default: most nodes one node sends one message to. */
    public static final int MAX_FAN_OUT = Delivery.FANOUT;
    /** Channels one node keeps state for at once. */
    static final int MAX_TOPICS = 4096;

    private final DhtNode dht;
    private final RecordSigner signer;
    /** The id this node's messages name as their publisher: the digest of its signing key. */
    private final NodeId publisher;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Map<ChannelName, Topic> topics = new HashMap<>();
    private final Delivery delivery;
    private final RootDuty asRoot;
    private final Membership membership;
    private Scheduler.Timer upkeep;

    /**
     * Pubsub over {@code dht}, signing this node's messages with {@code signer}, on {@code scheduler},
     * sending each message to at most {@value #MAX_FAN_OUT} nodes.
     */
    public Pubsub(DhtNode dht, RecordSigner signer, Scheduler scheduler, Clock clock) {
        this(dht, signer, scheduler, clock, MAX_FAN_OUT);
    }

    /**
     * As above, sending each message to at most {@code fanOut} nodes, from {@value #MIN_FAN_OUT} to
     * {@value #MAX_FAN_OUT}: a root with more member nodes delivers through a tree of that degree.
     */
    public Pubsub(DhtNode dht, RecordSigner signer, Scheduler scheduler, Clock clock, int fanOut) {
        this.dht = Objects.requireNonNull(dht, "dht must be set");
        this.signer = Objects.requireNonNull(signer, "signer must be set");
        this.publisher = NodeId.sha1(signer.publicKey());
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must be set");
        this.clock = Objects.requireNonNull(clock, "clock must be set");
        this.delivery = new Delivery(dht, this::receive, fanOut);
        this.asRoot = new RootDuty(this, delivery);
        this.membership = new Membership(this);
    }

    /**
     * Offers the pubsub service to peers, starts renewing and expiring, and has members rejoin when a
     * root leaves the routing table.
     */
    public void start() {
        dht.offer(PubsubFrames.SERVICE, this::answer);
        dht.onContactLost(membership::contactLost);
        scheduler.execute(() -> upkeep = scheduler.schedule(RENEW_INTERVAL, this::upkeep));
    }

    /** Stops renewing; the roots drop this node's subscriptions when they expire. */
    public void stop() {
        scheduler.execute(() -> {
            if (upkeep != null) {
                upkeep.cancel();
            }
            topics.clear();
        });
    }

    /**
     * Publishes {@code data} on {@code channel} as this node: signs it, and hands it to the nearest of the
     * channel's roots that takes it. Completes with the message's id once a root took it; fails with a
     * {@link ServiceRefusedException} ({@code invalid}, {@code rate_limited}) or an RPC failure when no
     * root could be reached.
     */
    public CompletableFuture<String> publish(ChannelName channel, String data) {
        return scheduler.call(() -> {
            PubsubMessage.dataProblem(data).ifPresent(problem -> {
                throw PubsubFrames.invalid(problem);
            });
            Topic topic = topic(channel);
            checkRate(topic, publisher);
            long seq = topic.lastSeq == 0 ? clock.millis() * 1000 : topic.lastSeq + 1;
            topic.lastSeq = seq;
            return toRoots(topic, PubsubMessage.sign(channel, signer, seq, clock.instant(), data), true);
        });
    }

    /**
     * Subscribes {@code subscriber} to {@code channel}: this node becomes a member at the channel's roots
     * if it is not one yet. When {@code lastEventId} is set, the subscriber first gets what came after
     * that message, from this node's history or else a root's. Completes with how many roots took the
     * subscription once they answered, 0 when none could be reached (this node keeps trying).
     */
    public CompletableFuture<Integer> subscribe(ChannelName channel, Subscriber subscriber, String lastEventId) {
        Objects.requireNonNull(subscriber, "subscriber must be set");
        return scheduler.call(() -> {
            Topic topic = topic(channel);
            boolean first = topic.locals.isEmpty();
            if (first) {
                topic.memberSince = clock.instant();
            }
            CatchingUp returning = lastEventId == null ? null : new CatchingUp(subscriber);
            topic.locals.add(returning == null ? subscriber : returning);
            CompletableFuture<Integer> joined = first ? membership.join(topic)
                    : topic.joined.handle((roots, failure) -> topic.joinedRoots.size());
            return returning == null ? joined
                    : joined.thenCompose(roots -> membership.missed(topic, lastEventId).thenApply(missed -> {
                        returning.caughtUp(missed);
                        return roots;
                    }));
        });
    }

    /** Takes {@code subscriber} out of the channel's local subscribers; whether it was one. */
    static boolean drop(Topic topic, Subscriber subscriber) {
        return topic.locals.removeIf(local -> local.equals(subscriber)
                || local instanceof CatchingUp returning && returning.isFor(subscriber));
    }

    /** Ends {@code subscriber}'s subscription; the last one's end leaves the channel's roots. */
    public CompletableFuture<Void> unsubscribe(ChannelName channel, Subscriber subscriber) {
        return scheduler.call(() -> {
            Topic topic = topics.get(channel);
            if (topic != null && drop(topic, subscriber) && topic.locals.isEmpty()) {
                topic.joinedRoots.clear();
                for (Contact root : topic.roots) {
                    if (!isSelf(root)) {
                        dht.call(root, PubsubFrames.SERVICE, PubsubFrames.request("unsub", channel));
                    } else {
                        topic.members.remove(dht.id());
                    }
                }
            }
            return CompletableFuture.completedFuture(null);
        });
    }

    // ---- the service ------------------------------------------------------------------------------

    /** Answers one pubsub request from {@code sender}. Runs on the scheduler. */
    String answer(Contact sender, String body) {
        PubsubFrames.Request request = PubsubFrames.read(body);
        refuseIfNotTheSendersOp(sender, request.op());
        return switch (request.op()) {
            case "sub" -> asRoot.subscribe(sender, request);
            case "unsub" -> asRoot.unsubscribe(sender, request);
            case "pub" -> PubsubFrames.published(asRoot.accept(request.message()));
            case "keep" -> asRoot.keep(request.message());
            case "history" -> asRoot.history(request);
            case "fetch" -> asRoot.fetch(request);
            case "deliver" -> delivered(request);
            case "subscribe" -> BrowserMembers.subscribe(this, sender, request);
            case "unsubscribe" -> BrowserMembers.unsubscribe(this, sender, request);
            case "publish" -> BrowserMembers.publish(this, sender, request);
            default -> throw PubsubFrames.unknownOp(request.op());
        };
    }

    /** Refuses a browser's op from a node, and a node's from a browser: each kind speaks its own ops. */
    private static void refuseIfNotTheSendersOp(Contact sender, String op) {
        boolean browsersOp = switch (op) {
            case "subscribe", "unsubscribe", "publish" -> true;
            default -> false;
        };
        if (browsersOp != sender.isBrowser()) {
            throw new ServiceRefusedException(ErrorCode.REFUSED, "'" + op + (browsersOp
                    ? "' is a browser's; nodes use sub, unsub and pub"
                    : "' is between nodes; a browser uses subscribe, unsubscribe and publish"));
        }
    }

    /** A root, or a forwarder, delivers a message here: to the local subscribers, and on to the nodes named. */
    private String delivered(PubsubFrames.Request request) {
        PubsubMessage message = request.message();
        List<Contact> forward = request.forward();
        if (forward.size() > Delivery.MAX_FORWARD) {
            throw PubsubFrames.invalid("a delivery names at most " + Delivery.MAX_FORWARD + " nodes to forward to");
        }
        Topic topic = topics.get(message.channel());
        if (topic == null || topic.locals.isEmpty()) {
            throw new ServiceRefusedException(ErrorCode.REFUSED, "this node has no subscriber of '"
                    + message.channel() + "'");
        }
        if (topic.delivered.contains(message.id())) {
            return PubsubFrames.ok(); // a repeat, dropped: the first was checked, handed on and forwarded
        }
        refuseIfUnsound(message);
        checkRate(topic, message.publisher());
        if (receive(message) && !forward.isEmpty()) {
            delivery.deliver(message, forward, (member, failure) -> {
            });
        }
        return PubsubFrames.ok();
    }

    /**
     * Takes a delivered message as a member node: once, in its publisher's order, to the local
     * subscribers. Returns whether it was new here. The message was checked.
     */
    boolean receive(PubsubMessage message) {
        Topic topic = topics.get(message.channel());
        if (topic == null || !topic.delivered.firstSight(message.id())) {
            return false;
        }
        topic.history.add(message, clock.instant());
        topic.lastDelivered = message.id();
        topic.order.offer(message);
        return true;
    }

    // ---- as a member and a publisher --------------------------------------------------------------

    /** Hands a new message to the nearest root that takes it; if none does, looks the roots up again once. */
    CompletableFuture<String> toRoots(Topic topic, PubsubMessage message, boolean retry) {
        return roots(topic).thenCompose(roots -> toRoot(topic, message, roots, 0)).exceptionallyCompose(failure -> {
            Throwable cause = Failures.cause(failure);
            if (cause instanceof ServiceRefusedException) {
                return CompletableFuture.failedFuture(cause);
            }
            if (!retry) {
                return CompletableFuture.failedFuture(new NoRootException("no root of '" + topic.name
                        + "' took the message: " + cause.getMessage(), cause));
            }
            topic.rootsFoundAt = Instant.MIN;
            return toRoots(topic, message, false);
        });
    }

    private CompletableFuture<String> toRoot(Topic topic, PubsubMessage message, List<Contact> roots, int index) {
        if (index >= roots.size()) {
            return CompletableFuture.failedFuture(new NoRootException("none of the " + roots.size() + " roots of '"
                    + topic.name + "' could be reached", null));
        }
        Contact root = roots.get(index);
        if (isSelf(root)) {
            return CompletableFuture.completedFuture(asRoot.accept(message));
        }
        return dht.call(root, PubsubFrames.SERVICE, PubsubFrames.carrying("pub", message))
                .thenApply(PubsubFrames::idIn)
                .exceptionallyCompose(failure -> Failures.cause(failure) instanceof ServiceRefusedException refused
                        ? CompletableFuture.failedFuture(refused)
                        : toRoot(topic, message, roots, index + 1));
    }

    /**
     * The channel's roots: the {@value #ROOTS} nodes nearest its key, this one included. Roots found
     * within {@link Topic#rootsFreshFor} are used as they are. Older ones are used too, while a lookup
     * refreshes them for the next use, so that no message waits for a lookup it does not need. Only
     * a channel whose roots are unknown, or failed ({@link Topic#rootsFoundAt} unset), waits for one.
     */
    CompletableFuture<List<Contact>> roots(Topic topic) {
        Instant now = clock.instant();
        if (topic.roots.isEmpty() || topic.rootsFoundAt.equals(Instant.MIN)) {
            return lookUpRoots(topic);
        }
        if (!topic.rootsFoundAt.plus(topic.rootsFreshFor).isAfter(now) && !topic.refreshingRoots) {
            topic.refreshingRoots = true;
            lookUpRoots(topic).whenComplete((roots, failure) -> topic.refreshingRoots = false);
        }
        return CompletableFuture.completedFuture(topic.roots);
    }

    private CompletableFuture<List<Contact>> lookUpRoots(Topic topic) {
        Instant started = clock.instant();
        NodeId key = topic.name.key();
        return dht.findNode(key).thenApply(lookup -> {
            List<Contact> nearest = new ArrayList<>(lookup.closest().stream().filter(c -> !c.isBrowser()).toList());
            if (nearest.stream().noneMatch(this::isSelf)) {
                nearest.add(dht.contact());
            }
            nearest.sort((a, b) -> key.compareDistance(a.id(), b.id()));
            topic.roots = List.copyOf(nearest.subList(0, Math.min(ROOTS, nearest.size())));
            topic.rootsFoundAt = started;
            return topic.roots;
        });
    }

    /** Every {@link #RENEW_INTERVAL}: members renew at their roots; roots drop lapsed members; histories age. */
    private void upkeep() {
        Instant now = clock.instant();
        topics.values().removeIf(topic -> {
            topic.members.values().removeIf(member -> member.until().isBefore(now));
            topic.history.expire(now);
            topic.locals.removeIf(Subscriber::isGone);
            if (!topic.locals.isEmpty()) {
                membership.join(topic);
            }
            return topic.isIdle();
        });
        upkeep = scheduler.schedule(RENEW_INTERVAL, this::upkeep);
    }

    // ---- shared -----------------------------------------------------------------------------------

    /** Every channel this node holds state for. */
    Collection<Topic> topics() {
        return topics.values();
    }

    /** The channel's state here, if this node holds any. */
    Topic existingTopic(ChannelName channel) {
        return topics.get(channel);
    }

    /** The channel's state here, made when it is first named; refused when this node holds too many. */
    Topic topic(ChannelName channel) {
        Topic topic = topics.get(channel);
        if (topic != null) {
            return topic;
        }
        if (topics.size() >= MAX_TOPICS) {
            topics.values().removeIf(Topic::isIdle);
            if (topics.size() >= MAX_TOPICS) {
                throw new ServiceRefusedException(ErrorCode.REFUSED, "this node holds " + MAX_TOPICS
                        + " channels already");
            }
        }
        topic = new Topic(channel, dht.id(), scheduler,
                (publisher, firstSeq, lastSeq) -> membership.fetchLater(channel, publisher, firstSeq, lastSeq));
        topics.put(channel, topic);
        return topic;
    }

    /** Takes one of {@code publisher}'s publish tokens on the channel, or refuses as rate limited. */
    void checkRate(Topic topic, NodeId publisher) {
        if (!topic.rates.computeIfAbsent(publisher, any -> new TokenBucket(PUBLISHES_PER_SECOND, clock.millis()))
                .take(clock.millis())) {
            throw new ServiceRefusedException(ErrorCode.RATE_LIMITED, "publisher " + publisher + " is over "
                    + PUBLISHES_PER_SECOND + " messages a second on '" + topic.name + "'");
        }
    }

    void refuseIfUnsound(PubsubMessage message) {
        message.problem(clock.instant()).ifPresent(problem -> {
            throw PubsubFrames.invalid(problem);
        });
    }

    boolean isSelf(Contact contact) {
        return contact.id().equals(dht.id());
    }

    Scheduler scheduler() {
        return scheduler;
    }

    Clock clock() {
        return clock;
    }

    DhtNode dht() {
        return dht;
    }
}
