package io.kadmesh.dht.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeId;
import io.kadmesh.testing.ManualClock;

/** {@link RoutingTable#closest} against a brute-force sort of the whole table. */
class ClosestContactsTest {

    private final SplittableRandom random = new SplittableRandom(20260101);
    private final NodeId self = NodeId.random(random);

    private RoutingTable tableOf(int k, int contacts) {
        RoutingTable table = new RoutingTable(self, KademliaParameters.DEFAULTS.withK(k), new ManualClock());
        for (int i = 0; i < contacts; i++) {
            table.touch(new Contact(NodeId.random(random), "mem://" + i));
        }
        for (int prefix = 0; prefix < 40; prefix++) {
            table.touch(new Contact(self.randomWithSharedPrefix(prefix, random), "mem://deep" + prefix));
        }
        return table;
    }

    private List<NodeId> targets(RoutingTable table) {
        List<NodeId> targets = new ArrayList<>(List.of(self, table.contacts().get(0).id()));
        for (int i = 0; i < 6; i++) {
            targets.add(NodeId.random(random));
        }
        for (int prefix : new int[] { 1, 4, 9, 30, 100 }) {
            targets.add(self.randomWithSharedPrefix(prefix, random));
        }
        return targets;
    }

    private static List<Contact> bruteForce(RoutingTable table, NodeId target, int count) {
        List<Contact> all = new ArrayList<>(table.contacts());
        all.sort(Comparator.comparing(c -> c.id().distanceTo(target)));
        return all.subList(0, Math.min(count, all.size()));
    }

    @Test
    void mustOrderContactsNearestFirstLikeABruteForceSort() {
        RoutingTable table = tableOf(20, 400);
        assertTrue(table.size() > 100, "the table should hold a realistic number of contacts");

        for (NodeId target : targets(table)) {
            for (int count : new int[] { 1, 3, 20, 40, table.size() }) {
                assertEquals(bruteForce(table, target, count), table.closest(target, count),
                        "closest " + count + " to " + target);
            }
        }
    }

    @Test
    void mustOrderContactsNearestFirstInSmallBuckets() {
        RoutingTable table = tableOf(3, 300);

        for (NodeId target : targets(table)) {
            assertEquals(bruteForce(table, target, 8), table.closest(target, 8), "closest to " + target);
        }
    }

    @Test
    void mustOrderContactsWhoseDistancesShareTheirLeadingWords() {
        NodeId near = self.randomWithSharedPrefix(3, random);
        RoutingTable table = new RoutingTable(self, KademliaParameters.DEFAULTS.withK(200), new ManualClock());
        for (int prefix = 60; prefix < NodeId.BITS; prefix++) {
            table.touch(new Contact(near.randomWithSharedPrefix(prefix, random), "mem://near" + prefix));
            table.touch(new Contact(near.randomWithSharedPrefix(prefix, random), "mem://other" + prefix));
        }

        for (NodeId target : List.of(near, near.randomWithSharedPrefix(70, random), near.randomWithSharedPrefix(130, random))) {
            for (int count : new int[] { 5, 40, table.size() }) {
                assertEquals(bruteForce(table, target, count), table.closest(target, count), "closest to " + target);
            }
        }
    }
}
