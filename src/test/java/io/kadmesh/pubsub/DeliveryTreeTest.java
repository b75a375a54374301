package io.kadmesh.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
 * Channels with more member nodes than a node's fan-out, in simulated networks through the real DHT and
 * its codec: the message reaches every member once through a tree in which no node sends it to more
 * than its fan-out, and a root refuses members beyond what its tree reaches.
 */
class DeliveryTreeTest {

    private static final MaintenanceIntervals INTERVALS = new MaintenanceIntervals(Duration.ofSeconds(30),
            Duration.ofMinutes(1));
    private static final ChannelName NEWS = new ChannelName("news");

    /** Counts what one subscriber received. */
    private static final class Inbox implements Subscriber {
        final List<String> received = new ArrayList<>();

        @Override
        public boolean isGone() {
            return false;
        }

        @Override
        public boolean deliver(PubsubMessage message) {
            received.add(message.data());
            return true;
        }
    }

    private static List<Pubsub> pubsubOn(Simulation simulation, int fanOut) {
        List<Pubsub> services = new ArrayList<>();
        for (DhtNode node : simulation.liveNodes()) {
            Pubsub pubsub = new Pubsub(node, RecordSigner.generate(), simulation.time(), simulation.time(), fanOut);
            pubsub.start();
            services.add(pubsub);
        }
        return services;
    }

    @ParameterizedTest
    @ValueSource(ints = { 4, Delivery.FANOUT })
    void aChannelWiderThanTheFanOutIsDeliveredThroughATreeOnceToEach(int fanOut) {
        Simulation wide = new Simulation(KademliaParameters.DEFAULTS.withK(5), INTERVALS, 31);
        assertEquals(0, wide.join(Delivery.FANOUT * 2 + 8, Duration.ofMillis(5)));
        List<Pubsub> nodes = pubsubOn(wide, fanOut);
        List<Inbox> inboxes = new ArrayList<>();
        for (Pubsub pubsub : nodes) {
            Inbox inbox = new Inbox();
            assertEquals(Pubsub.ROOTS, wide.await(pubsub.subscribe(NEWS, inbox, null)));
            inboxes.add(inbox);
        }
        String data = "to all " + nodes.size();
        Map<String, Integer> deliveriesBySender = new HashMap<>();
        wide.network().tap((from, frame) -> {
            if (frame.contains(data) && frame.contains("deliver")) {
                deliveriesBySender.merge(from, 1, Integer::sum);
            }
        });

        wide.await(nodes.get(17).publish(NEWS, data));
        wide.runFor(Duration.ofSeconds(1));

        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < inboxes.size(); i++) {
            if (!inboxes.get(i).received.equals(List.of(data))) {
                missing.add(i);
            }
        }
        assertEquals(List.of(), missing, "nodes whose subscriber did not get the message once");
        int sent = deliveriesBySender.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(nodes.size() - 1, sent, "one delivery to each member but the root: " + deliveriesBySender);
        assertTrue(deliveriesBySender.values().stream().allMatch(count -> count <= fanOut),
                "no node sends the message to more than " + fanOut + ": " + deliveriesBySender);
        assertTrue(deliveriesBySender.size() > 1, "members pass it on: " + deliveriesBySender);
    }

    @Test
    void aRootRefusesMembersBeyondWhatItsTreeReaches() {
        Simulation small = new Simulation(KademliaParameters.DEFAULTS.withK(5), INTERVALS, 37);
        assertEquals(0, small.join(6, Duration.ofMillis(5)));
        List<Pubsub> services = pubsubOn(small, Pubsub.MIN_FAN_OUT);
        DhtNode root = small.liveNodes().stream()
                .min(Comparator.comparing(DhtNode::id, (a, b) -> NEWS.key().compareDistance(a, b))).orElseThrow();
        Topic topic = services.get(small.liveNodes().indexOf(root)).topic(NEWS);
        int reach = Pubsub.MIN_FAN_OUT * (Delivery.MAX_FORWARD + 1);
        Instant lapsing = small.time().instant().plusSeconds(5);
        Random random = new Random(41);
        for (int i = 0; i < reach; i++) {
            Contact invented = new Contact(NodeId.random(random), "mem://invented-" + i);
            topic.members.put(invented.id(), new Topic.Member(invented, lapsing));
        }
        DhtNode member = small.liveNodes().stream().filter(node -> node != root).findFirst().orElseThrow();
        String subscription = PubsubFrames.since("sub", NEWS, null);

        CompletionException full = assertThrows(CompletionException.class,
                () -> small.await(member.call(root.contact(), PubsubFrames.SERVICE, subscription)));
        ServiceRefusedException refused = assertInstanceOf(ServiceRefusedException.class, full.getCause());
        assertEquals(ErrorCode.REFUSED, refused.code(), refused.getMessage());
        assertTrue(refused.getMessage().contains(reach + " member nodes"), refused.getMessage());
        assertEquals(reach, topic.members.size(), "the refused member is not kept");

        small.runFor(Duration.ofSeconds(6));
        small.await(member.call(root.contact(), PubsubFrames.SERVICE, subscription));
        assertTrue(topic.members.containsKey(member.id()), "taken once the invented members lapsed");
    }
}
