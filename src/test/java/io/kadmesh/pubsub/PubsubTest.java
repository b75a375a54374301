package io.kadmesh.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;
import io.kadmesh.dht.node.DhtNode;
import io.kadmesh.dht.node.ServiceRefusedException;
import io.kadmesh.dht.protocol.ErrorCode;
import io.kadmesh.dht.storage.RecordSigner;
import io.kadmesh.simulation.Simulation;

/**
 * Pubsub in a simulated network of 15 nodes, through the real DHT and its codec: every subscriber on
 * every node gets each message once and in its publisher's order, whichever node publishes; the
 * channel's roots dying does not stop delivery; a returning subscriber gets what it missed; bad
 * messages and floods are refused and touch no other channel.
 */
class PubsubTest {

    private static final MaintenanceIntervals INTERVALS = new MaintenanceIntervals(Duration.ofSeconds(30),
            Duration.ofMinutes(1));
    private static final ChannelName NEWS = new ChannelName("news");

    private final Simulation simulation = new Simulation(KademliaParameters.DEFAULTS.withK(5), INTERVALS, 29);
    private final List<Pubsub> services = new ArrayList<>();
    /** When the services started: members renew {@link Pubsub#RENEW_INTERVAL} after it, and every such interval. */
    private final Instant started;

    PubsubTest() {
        assertEquals(0, simulation.join(15, Duration.ofMillis(5)));
        for (DhtNode node : simulation.liveNodes()) {
            Pubsub pubsub = new Pubsub(node, RecordSigner.generate(), simulation.time(), simulation.time());
            pubsub.start();
            services.add(pubsub);
        }
        started = simulation.time().instant();
    }

    /** What one subscriber received, in order. */
    private static final class Inbox implements Subscriber {
        final List<PubsubMessage> received = new ArrayList<>();
        boolean gone;

        @Override
        public boolean isGone() {
            return gone;
        }

        @Override
        public boolean deliver(PubsubMessage message) {
            received.add(message);
            return true;
        }

        List<String> data() {
            return received.stream().map(PubsubMessage::data).toList();
        }
    }

    private List<Inbox> subscribeEverywhere(ChannelName channel) {
        List<Inbox> inboxes = new ArrayList<>();
        for (Pubsub pubsub : services) {
            Inbox inbox = new Inbox();
            assertEquals(Pubsub.ROOTS, simulation.await(pubsub.subscribe(channel, inbox, null)));
            inboxes.add(inbox);
        }
        return inboxes;
    }

    /** The live nodes, nearest the channel's key first: the first {@link Pubsub#ROOTS} are its roots. */
    private List<DhtNode> nearestFirst(ChannelName channel) {
        return simulation.liveNodes().stream()
                .sorted(Comparator.comparing(DhtNode::id, (a, b) -> channel.key().compareDistance(a, b))).toList();
    }

    /** The pubsub service of a live node; call before any node crashes, as services follow the start order. */
    private Pubsub serviceOf(DhtNode node) {
        return services.get(simulation.liveNodes().indexOf(node));
    }

    private void settle() {
        simulation.runFor(Duration.ofSeconds(1));
    }

    @Test
    void aMessagePublishedOnAnyNodeReachesEverySubscriberOnceInOrder() {
        List<Inbox> inboxes = subscribeEverywhere(NEWS);

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            String data = "from " + i;
            String id = simulation.await(services.get(i).publish(NEWS, data));
            assertEquals(40, id.length());
            expected.add(data);
        }
        for (int i = 0; i < 5; i++) {
            services.get(3).publish(NEWS, "burst " + i);
        }
        settle();

        List<String> burst = List.of("burst 0", "burst 1", "burst 2", "burst 3", "burst 4");
        expected.addAll(burst);
        for (Inbox inbox : inboxes) {
            assertEquals(expected.stream().sorted().toList(), inbox.data().stream().sorted().toList(), "once each");
            assertEquals(burst, inbox.data().stream().filter(data -> data.startsWith("burst")).toList(), "in order");
        }
    }

    @Test
    void onlyTheChannelsMemberNodesHearOfIt() {
        Inbox one = new Inbox();
        simulation.await(services.get(5).subscribe(NEWS, one, null));
        Inbox other = new Inbox();
        simulation.await(services.get(6).subscribe(new ChannelName("sport"), other, null));

        simulation.await(services.get(9).publish(NEWS, "goal"));
        settle();

        assertEquals(List.of("goal"), one.data());
        assertEquals(List.of(), other.data());
    }

    @Test
    void deliveryGoesOnWhenTheChannelsRootsDie() {
        List<Inbox> inboxes = subscribeEverywhere(NEWS);
        for (int i = 0; i < services.size(); i++) {
            services.get(i).publish(NEWS, "before " + i);
        }
        settle();
        List<DhtNode> roots = nearestFirst(NEWS).subList(0, Pubsub.ROOTS);
        List<Integer> dead = roots.stream().map(root -> simulation.liveNodes().indexOf(root)).toList();
        roots.forEach(simulation::crash);
        Pubsub publisher = services.get(firstAliveOtherThan(dead));

        simulation.await(publisher.publish(NEWS, "after"));
        simulation.runFor(Pubsub.RENEW_INTERVAL.plus(Pubsub.REJOIN_DELAY).plus(Duration.ofSeconds(2)));

        for (int i = 0; i < inboxes.size(); i++) {
            if (!dead.contains(i)) {
                List<String> data = inboxes.get(i).data();
                assertEquals(List.of("after"), data.subList(services.size(), data.size()), "subscriber on node " + i);
            }
        }
    }

    @Test
    void membersRejoinOnceTheirDeadRootsLeaveTheirTables() {
        List<Inbox> inboxes = subscribeEverywhere(NEWS);
        settle();
        long sinceStart = Duration.between(started, simulation.time().instant()).toMillis();
        long renewal = Pubsub.RENEW_INTERVAL.toMillis();
        simulation.runFor(Duration.ofMillis(renewal - sinceStart % renewal + 100));
        List<DhtNode> roots = nearestFirst(NEWS).subList(0, Pubsub.ROOTS);
        List<Integer> dead = roots.stream().map(root -> simulation.liveNodes().indexOf(root)).toList();
        roots.forEach(simulation::crash);
        Instant crashed = simulation.time().instant();

        // each survivor's table drops the dead roots, as after a failed dial or unanswered requests
        for (DhtNode survivor : simulation.liveNodes()) {
            for (DhtNode root : roots) {
                for (int i = 0; i < KademliaParameters.DEFAULTS.maxFailures(); i++) {
                    survivor.check(root.contact());
                }
            }
        }
        simulation.await(services.get(firstAliveOtherThan(dead)).publish(NEWS, "after"));
        // the members renew only 10 s after the crash; the publisher waited for the dead roots first
        Duration left = Pubsub.RENEW_INTERVAL.minus(Duration.between(crashed, simulation.time().instant()));
        boolean everyoneHasIt = simulation.time().runUntil(() -> IntStream.range(0, inboxes.size())
                .allMatch(i -> dead.contains(i) || inboxes.get(i).data().contains("after")), left);

        assertTrue(everyoneHasIt, "a surviving subscriber still waited for the message "
                + Duration.between(crashed, simulation.time().instant()) + " after the roots crashed");
    }

    @Test
    void aRootNewToAMemberThatTookNoMessageAnswersWhatWasPublishedSinceItSubscribed() {
        List<DhtNode> nearest = nearestFirst(NEWS);
        Pubsub publisher = serviceOf(nearest.get(5));
        simulation.await(publisher.publish(NEWS, "before"));
        simulation.runFor(Duration.ofSeconds(1));
        Instant subscribedAt = simulation.time().instant();
        simulation.await(publisher.publish(NEWS, "after"));
        settle();

        String since = simulation.await(nearest.get(10).call(nearest.get(0).contact(), PubsubFrames.SERVICE,
                PubsubFrames.subscription(NEWS, null, subscribedAt)));
        String fresh = simulation.await(nearest.get(11).call(nearest.get(0).contact(), PubsubFrames.SERVICE,
                PubsubFrames.subscription(NEWS, null, null)));

        assertEquals(List.of("after"), PubsubFrames.messagesIn(since).stream().map(PubsubMessage::data).toList());
        assertEquals(List.of(), PubsubFrames.messagesIn(fresh), "a member naming neither gets nothing before it");
    }

    @Test
    void aNodeThatBecomesARootTakesTheRecentHistoryOverFromTheOtherRoots() {
        List<DhtNode> nearest = nearestFirst(NEWS);
        Pubsub member = serviceOf(nearest.get(nearest.size() - 1));
        Pubsub successor = serviceOf(nearest.get(Pubsub.ROOTS));
        simulation.await(member.subscribe(NEWS, new Inbox(), null));
        List<String> before = List.of("before 0", "before 1", "before 2");
        before.forEach(data -> simulation.await(member.publish(NEWS, data)));
        settle();
        assertNull(successor.existingTopic(NEWS), "neither member nor root, the successor has heard nothing of it");

        simulation.crash(nearest.get(0));
        // the member's renewal at the dead root fails, after the RPC timeout; it looks the roots up again
        simulation.runFor(Pubsub.RENEW_INTERVAL.multipliedBy(3));

        Topic topic = successor.existingTopic(NEWS);
        assertNotNull(topic, "the member subscribed at the successor, now a root");
        assertEquals(before, topic.history.all().stream().map(PubsubMessage::data).toList());
    }

    @Test
    void aPeerInventingChannelsCannotMakeANodeTakeOverHistoriesWithoutBound() {
        DhtNode attacker = simulation.liveNodes().get(9);
        DhtNode target = simulation.liveNodes().get(4);
        RecordSigner inventor = RecordSigner.generate();
        List<CompletableFuture<String>> calls = new ArrayList<>();
        List<ChannelName> invented = new ArrayList<>();
        for (int i = 0; i < 5 * RootDuty.TAKEOVERS_PER_SECOND; i++) {
            ChannelName name = new ChannelName("invented-" + i);
            invented.add(name);
            PubsubMessage message = PubsubMessage.sign(name, inventor, 1, simulation.time().instant(), "x");
            calls.add(attacker.call(target.contact(), PubsubFrames.SERVICE, PubsubFrames.carrying("keep", message)));
        }
        simulation.time().runUntil(() -> calls.stream().allMatch(CompletableFuture::isDone), Duration.ofSeconds(10));

        Pubsub service = services.get(4);
        long tookOver = invented.stream().map(service::existingTopic).filter(topic -> topic != null && topic.tookOver)
                .count();
        assertTrue(tookOver <= RootDuty.TAKEOVERS_PER_SECOND + 1, tookOver + " channels taken over at once");
        assertTrue(tookOver > 0, "the first channels are taken over");
    }

    private int firstAliveOtherThan(List<Integer> dead) {
        int i = 0;
        while (dead.contains(i)) {
            i++;
        }
        return i;
    }

    @Test
    void aReturningSubscriberGetsWhatItMissedFromTheHistory() {
        Inbox first = new Inbox();
        simulation.await(services.get(2).subscribe(NEWS, first, null));
        simulation.await(services.get(7).publish(NEWS, "one"));
        settle();
        String lastSeen = first.received.get(0).id();
        simulation.await(services.get(2).unsubscribe(NEWS, first));
        simulation.await(services.get(7).publish(NEWS, "two"));
        simulation.await(services.get(7).publish(NEWS, "three"));

        Inbox returning = new Inbox();
        simulation.await(services.get(11).subscribe(NEWS, returning, lastSeen));
        settle();

        assertEquals(List.of("two", "three"), returning.data());
    }

    @Test
    void badMessagesAreRefusedAndOtherChannelsGoOn() {
        Inbox sport = new Inbox();
        simulation.await(services.get(4).subscribe(new ChannelName("sport"), sport, null));

        ServiceRefusedException tooLong = refusal(services.get(1).publish(NEWS, "x".repeat(
                PubsubMessage.MAX_DATA_BYTES + 1)));
        assertEquals(ErrorCode.INVALID, tooLong.code());
        assertTrue(tooLong.getMessage().contains("16384"), tooLong.getMessage());

        List<CompletableFuture<String>> flood = new ArrayList<>();
        for (int i = 0; i < Pubsub.PUBLISHES_PER_SECOND + 10; i++) {
            flood.add(services.get(1).publish(NEWS, "flood " + i));
        }
        simulation.time().runUntil(() -> flood.stream().allMatch(CompletableFuture::isDone), Duration.ofSeconds(5));
        long refused = flood.stream().filter(CompletableFuture::isCompletedExceptionally).count();
        assertTrue(refused >= 9, "refused over the rate: " + refused + " of " + flood.size());

        simulation.await(services.get(8).publish(new ChannelName("sport"), "still here"));
        settle();
        assertEquals(List.of("still here"), sport.data());
    }

    private ServiceRefusedException refusal(CompletableFuture<?> future) {
        CompletionException failed = assertThrows(CompletionException.class, () -> simulation.await(future));
        return assertInstanceOf(ServiceRefusedException.class, failed.getCause());
    }

    @Test
    void forgedAndMisdirectedMessagesAreRefusedWithTheReason() {
        Inbox inbox = new Inbox();
        simulation.await(services.get(3).subscribe(NEWS, inbox, null));
        DhtNode sender = simulation.liveNodes().get(6);
        DhtNode root = nearestFirst(NEWS).get(0);
        RecordSigner honest = RecordSigner.generate();
        PubsubMessage real = PubsubMessage.sign(NEWS, honest, 1, simulation.time().instant(), "real");
        PubsubMessage altered = new PubsubMessage(NEWS, real.publisher(), real.publicKey(), real.seq(),
                real.publishedAt(), "altered", real.signature());
        RecordSigner other = RecordSigner.generate();
        PubsubMessage borrowed = PubsubMessage.sign(NEWS, other, 1, simulation.time().instant(), "mine");
        PubsubMessage impostor = new PubsubMessage(NEWS, real.publisher(), borrowed.publicKey(), 1,
                borrowed.publishedAt(), "mine", borrowed.signature());
        PubsubMessage stale = PubsubMessage.sign(NEWS, honest, 2, simulation.time().instant().minus(
                Duration.ofMinutes(6)), "old");

        assertRefused(sender, root, PubsubFrames.carrying("pub", altered), ErrorCode.INVALID, "does not verify");
        assertRefused(sender, root, PubsubFrames.carrying("pub", impostor), ErrorCode.INVALID, "is not the id");
        assertRefused(sender, root, PubsubFrames.carrying("pub", stale), ErrorCode.INVALID, "minutes from");
        assertRefused(sender, root, PubsubFrames.carrying("publish", real), ErrorCode.REFUSED, "browser");
        assertRefused(sender, root, "{\"op\":\"gossip\"}", ErrorCode.INVALID, "unknown pubsub op");
        assertRefused(sender, root, "[1,2]", ErrorCode.INVALID, "JSON object");
        assertRefused(sender, root, "{\"op\":\"sub\",\"channel\":\"Bad Name\"}", ErrorCode.INVALID, "a-z");
        for (String from : List.of("-1", "\"yesterday\"", "1.5", "1e400")) {
            assertRefused(sender, root, "{\"op\":\"sub\",\"channel\":\"news\",\"from\":" + from + "}",
                    ErrorCode.INVALID, "epoch milliseconds");
        }
        assertRefused(sender, root, PubsubFrames.delivery(real, Collections.nCopies(
                Delivery.MAX_FORWARD + 1, sender.contact())), ErrorCode.INVALID, "at most " + Delivery.MAX_FORWARD);

        simulation.await(sender.call(root.contact(), PubsubFrames.SERVICE, PubsubFrames.carrying("pub", real)));
        settle();
        assertEquals(List.of("real"), inbox.data(), "only the sound message is delivered");
    }

    private void assertRefused(DhtNode from, DhtNode to, String body, ErrorCode code, String why) {
        ServiceRefusedException refused = refusal(from.call(to.contact(), PubsubFrames.SERVICE, body));
        assertEquals(code, refused.code(), refused.getMessage());
        assertTrue(refused.getMessage().contains(why), refused.getMessage());
    }

    @Test
    void aMemberARootDroppedCatchesUpAtItsNextRenewal() {
        Inbox inbox = new Inbox();
        simulation.await(services.get(4).subscribe(NEWS, inbox, null));
        simulation.await(services.get(9).publish(NEWS, "one"));
        settle();
        NodeId member = simulation.liveNodes().get(4).id();
        services.forEach(pubsub -> {
            Topic topic = pubsub.existingTopic(NEWS);
            if (topic != null) {
                topic.members.remove(member);
            }
        });

        simulation.await(services.get(9).publish(NEWS, "two"));
        simulation.await(services.get(9).publish(NEWS, "three"));
        settle();
        assertEquals(List.of("one"), inbox.data(), "dropped by every root, as after failed deliveries");

        simulation.runFor(Pubsub.RENEW_INTERVAL);
        assertEquals(List.of("one", "two", "three"), inbox.data());
    }

    /**
     * A root that could not deliver a message drops the member; meanwhile another root delivers it a
     * later message (a publisher whose view of the roots put that root first, as when the nearest was
     * too slow to answer). The member's renewal names that later message as the last it took, and the
     * root that dropped it must still send the one it missed. The failed delivery is staged: the
     * nearest root takes the message as a hand-on from another root, which it keeps without delivering,
     * and then drops the member as its delivery's failure would.
     */
    @Test
    void aMemberADroppingRootOwesGetsItsMessageThoughAnotherRootDeliveredLaterOnes() {
        List<DhtNode> byDistance = nearestFirst(NEWS);
        Pubsub nearestRoot = serviceOf(byDistance.get(0));
        Pubsub memberService = serviceOf(byDistance.get(3));
        Pubsub publisher = serviceOf(byDistance.get(4));
        NodeId member = byDistance.get(3).id();
        Inbox inbox = new Inbox();
        assertEquals(Pubsub.ROOTS, simulation.await(memberService.subscribe(NEWS, inbox, null)));
        simulation.await(publisher.publish(NEWS, "one"));
        settle();

        PubsubMessage missed = PubsubMessage.sign(NEWS, RecordSigner.generate(), 1, simulation.time().instant(),
                "missed");
        nearestRoot.answer(byDistance.get(1).contact(), PubsubFrames.carrying("keep", missed));
        nearestRoot.existingTopic(NEWS).dropMember(member, missed.id());

        Topic publisherView = publisher.existingTopic(NEWS);
        List<Contact> reordered = new ArrayList<>(publisherView.roots);
        Collections.swap(reordered, 0, 1);
        publisherView.roots = List.copyOf(reordered);
        publisherView.rootsFoundAt = simulation.time().instant();
        simulation.await(publisher.publish(NEWS, "later"));
        settle();
        assertEquals(List.of("one", "later"), inbox.data(), "the second root delivered the later message");

        simulation.runFor(Pubsub.RENEW_INTERVAL.plus(Duration.ofSeconds(1)));
        assertEquals(List.of("one", "later", "missed"), inbox.data(),
                "the renewal at the root that dropped it brought the missed message, once");
    }

    @Test
    void aMemberThatDoesNotAnswerADeliveryStaysOwedItUntilItLapses() {
        List<DhtNode> byDistance = nearestFirst(NEWS);
        DhtNode member = byDistance.get(Pubsub.ROOTS);
        Pubsub publisher = serviceOf(byDistance.get(0));
        simulation.await(serviceOf(member).subscribe(NEWS, new Inbox(), null));
        Topic atRoot = publisher.existingTopic(NEWS);
        assertTrue(atRoot.members.containsKey(member.id()));

        simulation.crash(member);
        String id = simulation.await(publisher.publish(NEWS, "to a dead member"));
        simulation.runFor(simulation.liveNodes().get(0).parameters().rpcTimeout().plusSeconds(1));

        assertEquals(id, atRoot.owed.get(member.id()), "the root owes the member the message it could not deliver");
        assertTrue(atRoot.members.containsKey(member.id()), "a silent member may only be slow: it stays");
        simulation.runFor(Pubsub.MEMBER_TTL.plus(Pubsub.RENEW_INTERVAL));
        assertFalse(atRoot.members.containsKey(member.id()), "until it lapses");
    }

    @Test
    void aMemberThatRefusesADeliveryIsDroppedAndOwedIt() {
        List<DhtNode> byDistance = nearestFirst(NEWS);
        DhtNode member = byDistance.get(Pubsub.ROOTS);
        Pubsub publisher = serviceOf(byDistance.get(0));
        simulation.await(serviceOf(member).subscribe(NEWS, new Inbox(), null));
        Topic atRoot = publisher.existingTopic(NEWS);
        serviceOf(member).existingTopic(NEWS).locals.clear();

        String id = simulation.await(publisher.publish(NEWS, "to a member with no subscriber"));
        settle();

        assertFalse(atRoot.members.containsKey(member.id()), "a member that says it has no subscriber is dropped");
        assertEquals(id, atRoot.owed.get(member.id()), "and owed the message, should it subscribe again");
    }

    @Test
    void aMemberThatAnswersADeliveryTooLateKeepsGettingTheNextMessages() {
        List<DhtNode> byDistance = nearestFirst(NEWS);
        DhtNode member = byDistance.get(Pubsub.ROOTS);
        Pubsub publisher = serviceOf(byDistance.get(0));
        Inbox inbox = new Inbox();
        simulation.await(serviceOf(member).subscribe(NEWS, inbox, null));
        Duration rpcTimeout = simulation.liveNodes().get(0).parameters().rpcTimeout();

        Duration oneWay = rpcTimeout.multipliedBy(3).dividedBy(5);
        simulation.network().latency(oneWay, oneWay);
        simulation.await(publisher.publish(NEWS, "slow"));
        simulation.runFor(rpcTimeout.multipliedBy(2).plusSeconds(1));
        simulation.network().latency(Duration.ofMillis(1), Duration.ofMillis(5));
        simulation.await(publisher.publish(NEWS, "next"));
        settle();

        assertTrue(publisher.existingTopic(NEWS).members.containsKey(member.id()), "a late answer drops no member");
        assertEquals(List.of("slow", "next"), inbox.data(), "it got the late one, and the next without a renewal");
    }

    @Test
    void aMemberAsksTheRootsForAMessageThatNeverCameAndDeliversIt() {
        List<DhtNode> byDistance = nearestFirst(NEWS);
        DhtNode root = byDistance.get(0);
        DhtNode member = byDistance.get(Pubsub.ROOTS);
        DhtNode sender = byDistance.get(Pubsub.ROOTS + 1);
        Inbox inbox = new Inbox();
        simulation.await(serviceOf(member).subscribe(NEWS, inbox, null));
        RecordSigner publisher = RecordSigner.generate();
        List<PubsubMessage> messages = new ArrayList<>();
        for (int seq = 1; seq <= 3; seq++) {
            messages.add(PubsubMessage.sign(NEWS, publisher, seq, simulation.time().instant(), "m" + seq));
        }

        simulation.await(sender.call(root.contact(), PubsubFrames.SERVICE, PubsubFrames.carrying("pub", messages.get(0))));
        simulation.await(sender.call(root.contact(), PubsubFrames.SERVICE, PubsubFrames.carrying("keep", messages.get(1))));
        simulation.await(sender.call(root.contact(), PubsubFrames.SERVICE, PubsubFrames.carrying("pub", messages.get(2))));
        simulation.runFor(PublisherOrder.GAP_WAIT.plusMillis(100));
        assertEquals(List.of("m1", "m3"), inbox.data(), "the root kept m2 but never delivered it: a gap");

        simulation.runFor(Membership.FETCH_DELAY.plusSeconds(1));
        assertEquals(List.of("m1", "m3", "m2"), inbox.data(), "the member fetched it from the root, once");
        assertRefused(sender, root, "{\"op\":\"fetch\",\"channel\":\"news\",\"ids\":[]}", ErrorCode.INVALID,
                "1 to " + PubsubFrames.MAX_FETCH);
        assertRefused(sender, root, "{\"op\":\"fetch\",\"channel\":\"news\",\"ids\":[\"x\"]}",
                ErrorCode.INVALID, "40 hex");
    }

    @Test
    void aNodeNumbersItsMessagesOnAChannelOneAfterAnotherSoAMemberSeesAGap() {
        List<DhtNode> byDistance = nearestFirst(NEWS);
        Pubsub publisher = serviceOf(byDistance.get(Pubsub.ROOTS + 1));
        Inbox inbox = new Inbox();
        simulation.await(serviceOf(byDistance.get(Pubsub.ROOTS)).subscribe(NEWS, inbox, null));
        long firstAt = simulation.time().millis();

        for (String data : List.of("m1", "m2", "m3")) {
            simulation.await(publisher.publish(NEWS, data));
            simulation.runFor(Duration.ofSeconds(2));
        }

        assertEquals(List.of("m1", "m2", "m3"), inbox.data());
        long first = inbox.received.get(0).seq();
        assertTrue(first >= firstAt * 1000, "the first starts at the clock's milliseconds times 1,000, past any"
                + " earlier run of the publisher's: " + first);
        assertEquals(List.of(first, first + 1, first + 2), inbox.received.stream().map(PubsubMessage::seq).toList(),
                "seconds apart, still one after another: a lost one is a gap the member fetches, not a new run");
    }

    @Test
    void publishersSkippingNumbersCannotMakeAMemberFetchForEveryGap() {
        DhtNode member = nearestFirst(NEWS).get(Pubsub.ROOTS);
        Pubsub atMember = serviceOf(member);
        simulation.await(atMember.subscribe(NEWS, new Inbox(), null));
        int[] fetches = { 0 };
        simulation.network().tap((from, frame) -> {
            if (from.equals(member.contact().address()) && frame.contains("fetch")) {
                fetches[0]++;
            }
        });

        for (int i = 0; i < 5 * Membership.FETCHES_PER_SECOND; i++) {
            RecordSigner skipper = RecordSigner.generate();
            for (int seq : new int[] { 1, 3 }) {
                PubsubMessage message = PubsubMessage.sign(NEWS, skipper, seq, simulation.time().instant(), "skip");
                simulation.time().execute(() -> atMember.receive(message));
            }
        }
        simulation.runFor(PublisherOrder.GAP_WAIT.plus(Membership.FETCH_DELAY).plusSeconds(1));

        assertTrue(fetches[0] > 0, "some gaps are fetched");
        assertTrue(fetches[0] <= Pubsub.ROOTS * Membership.FETCHES_PER_SECOND, "at most "
                + Membership.FETCHES_PER_SECOND + " gaps a second, each asked of the roots in turn: " + fetches[0]);
    }

    @Test
    void subscribersJoiningWhileTheNodeSubscribesAreToldOfTheRootsThatTookIt() {
        var first = services.get(6).subscribe(NEWS, new Inbox(), null);
        var second = services.get(6).subscribe(NEWS, new Inbox(), null);

        assertEquals(Pubsub.ROOTS, simulation.await(first));
        assertEquals(Pubsub.ROOTS, simulation.await(second));
    }

    @Test
    void aSubscriberThatLeftWithoutUnsubscribingIsDroppedAndItsNodeLeavesTheRoots() {
        Inbox inbox = new Inbox();
        simulation.await(services.get(12).subscribe(NEWS, inbox, null));
        NodeId member = simulation.liveNodes().get(12).id();
        assertEquals(Pubsub.ROOTS, membersHolding(member));

        inbox.gone = true;
        simulation.runFor(Pubsub.RENEW_INTERVAL.plus(Pubsub.MEMBER_TTL).plus(Pubsub.RENEW_INTERVAL));

        assertEquals(0, membersHolding(member), "no root keeps a node whose only subscriber left");
    }

    private long membersHolding(NodeId member) {
        return services.stream().map(pubsub -> pubsub.existingTopic(NEWS))
                .filter(topic -> topic != null && topic.members.containsKey(member)).count();
    }

    @Test
    void aNodeFloodingKeepsAndDeliveriesIsRateLimitedAndTheHistoryHolds() {
        Inbox inbox = new Inbox();
        simulation.await(services.get(2).subscribe(NEWS, inbox, null));
        simulation.await(services.get(5).publish(NEWS, "real"));
        settle();
        DhtNode attacker = simulation.liveNodes().get(9);
        DhtNode root = nearestFirst(NEWS).get(0);
        RecordSigner flooder = RecordSigner.generate();

        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < History.MAX_MESSAGES + 20; i++) {
            PubsubMessage junk = PubsubMessage.sign(NEWS, flooder, i, simulation.time().instant(), "junk " + i);
            calls.add(attacker.call(root.contact(), PubsubFrames.SERVICE, PubsubFrames.carrying("keep", junk)));
            calls.add(attacker.call(simulation.liveNodes().get(2).contact(), PubsubFrames.SERVICE,
                    PubsubFrames.delivery(junk, List.of())));
        }
        simulation.time().runUntil(() -> calls.stream().allMatch(CompletableFuture::isDone),
                Duration.ofSeconds(10));
        long limited = calls.stream().filter(CompletableFuture::isCompletedExceptionally)
                .count();

        assertTrue(limited >= 2 * (History.MAX_MESSAGES + 20 - Pubsub.PUBLISHES_PER_SECOND - 10),
                "refused over 50 a second: " + limited);
        assertTrue(services.get(simulation.liveNodes().indexOf(root)).existingTopic(NEWS).history.all().stream()
                .anyMatch(message -> message.data().equals("real")), "the root's history keeps the real message");
        assertTrue(inbox.data().size() <= Pubsub.PUBLISHES_PER_SECOND + 11, "the member took about 50 of the flood: "
                + inbox.data().size());
    }
}
