package io.kadmesh.dht.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.NodeId;

/** {@link ByDistance} against a {@link TreeMap} ordered by the same distance. */
class ByDistanceTest {

    private final SplittableRandom random = new SplittableRandom(41);

    @Test
    void mustListValuesInTheOrderOfATreeMapByDistance() {
        NodeId target = NodeId.random(random);
        ByDistance<String> byDistance = new ByDistance<>(target);
        TreeMap<NodeId, String> reference = new TreeMap<>(target::compareDistance);
        for (int i = 0; i < 500; i++) {
            NodeId id = i % 3 == 0 ? NodeId.random(random)
                    : target.randomWithSharedPrefix(random.nextInt(NodeId.BITS), random);
            if (reference.containsKey(id)) {
                continue;
            }
            String value = "v" + i;
            assertNull(byDistance.get(id));
            byDistance.add(id, value);
            reference.put(id, value);
            assertEquals(value, byDistance.get(id));
        }
        List<String> inOrder = new ArrayList<>();
        for (int i = 0; i < byDistance.size(); i++) {
            inOrder.add(byDistance.valueAt(i));
        }
        assertEquals(new ArrayList<>(reference.values()), inOrder);
    }

    @Test
    void mustOrderIdsWhoseDistancesShareTheirLeadingWord() {
        NodeId target = NodeId.random(random);
        ByDistance<NodeId> byDistance = new ByDistance<>(target);
        TreeMap<NodeId, NodeId> reference = new TreeMap<>(target::compareDistance);
        NodeId near = target.randomWithSharedPrefix(64, random);
        for (int prefix = 65; prefix < NodeId.BITS; prefix++) {
            NodeId id = near.randomWithSharedPrefix(prefix, random);
            byDistance.add(id, id);
            reference.put(id, id);
        }
        for (int i = 0; i < byDistance.size(); i++) {
            assertEquals(new ArrayList<>(reference.values()).get(i), byDistance.valueAt(i));
        }
    }

    @Test
    void mustRefuseAnIdTwice() {
        NodeId target = NodeId.random(random);
        ByDistance<String> byDistance = new ByDistance<>(target);
        byDistance.add(target, "self");
        assertThrows(IllegalArgumentException.class, () -> byDistance.add(target, "again"));
        assertThrows(IndexOutOfBoundsException.class, () -> byDistance.valueAt(1));
    }
}
