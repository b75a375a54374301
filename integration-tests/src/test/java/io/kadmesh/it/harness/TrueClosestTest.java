package io.kadmesh.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** {@link TrueClosest}: XOR order, k, exact matching. */
class TrueClosestTest {

    private static final String TARGET = "8000000000000000000000000000000000000000";
    private static final String SAME = "8000000000000000000000000000000000000000";
    private static final String NEAR = "8000000000000000000000000000000000000001";
    private static final String FAR = "0000000000000000000000000000000000000000";
    private static final String MIDDLE = "c000000000000000000000000000000000000000";

    @Test
    void shouldOrderByXorDistanceAndKeepK() {
        Set<String> ids = Set.of(FAR, MIDDLE, NEAR, SAME);

        assertEquals(List.of(SAME, NEAR, MIDDLE, FAR), TrueClosest.of(ids, TARGET, 20));
        assertEquals(List.of(SAME, NEAR), TrueClosest.of(ids, TARGET, 2));
    }

    @Test
    void shouldMatchOnlyTheExactOrderedList() {
        Set<String> ids = Set.of(FAR, MIDDLE, NEAR);

        assertTrue(TrueClosest.matches(List.of(NEAR, MIDDLE.toUpperCase(), FAR), ids, TARGET, 20));
        assertFalse(TrueClosest.matches(List.of(MIDDLE, NEAR, FAR), ids, TARGET, 20), "order matters");
        assertFalse(TrueClosest.matches(List.of(NEAR, MIDDLE), ids, TARGET, 20), "a missing node matters");
    }
}
