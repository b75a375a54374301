package io.kadmesh.dht.routing;

import static io.kadmesh.testing.TinyIds.contact;
import static io.kadmesh.testing.TinyIds.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeId;
import io.kadmesh.testing.ManualClock;

class RoutingTableTest {

    private static final NodeId SELF = id("");

    private final ManualClock clock = new ManualClock();

    private RoutingTable table(int k, int replacementCacheSize, int maxFailures) {
        return new RoutingTable(SELF, KademliaParameters.DEFAULTS.withK(k).withReplacementCacheSize(replacementCacheSize)
                .withMaxFailures(maxFailures), clock);
    }

    @Test
    void mustPlaceIdsInTheBucketOfTheirSharedPrefixLength() {
        RoutingTable table = table(2, 2, 2);

        assertEquals(0, table.bucketIndex(id("1")));
        assertEquals(0, table.bucketIndex(id("1111")));
        assertEquals(3, table.bucketIndex(id("0001")));
        assertEquals(159, table.bucketIndex(id("0".repeat(159) + "1")));
        assertEquals(NodeId.BITS, table.bucketIndex(SELF));
    }

    @Test
    void tellsItsListenerOfEachContactThatLeavesOnly() {
        RoutingTable table = table(2, 2, 2);
        List<NodeId> removed = new ArrayList<>();
        table.onRemoval(removed::add);
        table.touch(contact("1"));
        table.touch(contact("01"));
        table.touch(contact("001"));

        table.recordFailure(id("1"));
        table.remove(id("0001"));
        assertEquals(List.of(), removed, "one failure of two, and an id the table does not hold");
        table.recordFailure(id("1"));
        table.remove(id("01"));

        assertEquals(List.of(id("1"), id("01")), removed);
    }

    @Test
    void mustIgnoreSelf() {
        RoutingTable table = table(2, 2, 2);

        assertEquals(Insertion.IGNORED, table.touch(new Contact(SELF, "mem://me")));

        assertEquals(0, table.size());
        assertFalse(table.contains(SELF));
        assertFalse(table.recordFailure(SELF));
        assertFalse(table.remove(SELF));
    }

    @Test
    void mustAddNewContactsThenUpdateKnownOnes() {
        RoutingTable table = table(2, 2, 2);

        assertEquals(Insertion.ADDED, table.touch(contact("1")));
        assertEquals(Insertion.ADDED, table.touch(contact("001")));
        Contact moved = new Contact(id("1"), "mem://moved");
        assertEquals(Insertion.UPDATED, table.touch(moved));

        assertEquals(2, table.size());
        assertEquals(Optional.of(moved), table.find(id("1")));
        assertEquals(Set.of(moved, contact("001")), Set.copyOf(table.contacts()));
        assertEquals(Optional.empty(), table.find(id("01")));
    }

    @Test
    void mustMoveTouchedContactAwayFromEviction() {
        RoutingTable table = table(2, 2, 2);
        table.touch(contact("10"));
        clock.advance(Duration.ofSeconds(1));
        table.touch(contact("11"));
        clock.advance(Duration.ofSeconds(1));
        table.touch(contact("10"));

        Insertion insertion = table.touch(contact("101"));

        assertEquals(new Insertion.PendingEviction(contact("11")), insertion);
    }

    @Test
    void mustCacheNewcomerAndNameLeastRecentlySeenWhenBucketIsFull() {
        RoutingTable table = table(2, 2, 2);
        table.touch(contact("10"));
        table.touch(contact("11"));

        Insertion insertion = table.touch(contact("101"));

        assertEquals(new Insertion.PendingEviction(contact("10")), insertion);
        assertFalse(table.contains(id("101")));
        assertTrue(table.bucket(0).isWaiting(id("101")));
        assertEquals(Insertion.ADDED, table.touch(contact("01")));
    }

    @Test
    void mustEvictUnansweredContactAndPromoteWaitingReplacement() {
        RoutingTable table = table(2, 2, 3);
        table.touch(contact("10"));
        table.touch(contact("11"));
        table.touch(contact("101"));

        assertTrue(table.recordFailure(id("10")));

        assertFalse(table.contains(id("10")));
        assertTrue(table.contains(id("101")));
        assertEquals(2, table.size());
    }

    @Test
    void mustTolerateFailuresWithoutReplacementUntilMaxFailures() {
        RoutingTable table = table(2, 2, 3);
        table.touch(contact("10"));

        assertFalse(table.recordFailure(id("10")));
        assertFalse(table.recordFailure(id("10")));
        assertTrue(table.contains(id("10")));
        assertTrue(table.recordFailure(id("10")));

        assertFalse(table.contains(id("10")));
        assertEquals(0, table.size());
        assertFalse(table.recordFailure(id("10")));
    }

    @Test
    void mustRemoveAtOncePromotingReplacement() {
        RoutingTable table = table(1, 2, 2);
        table.touch(contact("10"));
        table.touch(contact("11"));

        assertTrue(table.remove(id("10")));

        assertEquals(List.of(contact("11")), table.contacts());
        assertFalse(table.remove(id("10")));
    }

    @Test
    void mustPromoteNewestReplacementsAndDropTheOldestBeyondCacheSize() {
        RoutingTable table = table(1, 2, 2);
        table.touch(contact("1"));
        table.touch(contact("11"));
        table.touch(contact("101"));
        table.touch(contact("111"));

        table.remove(id("1"));
        assertEquals(List.of(contact("111")), table.contacts());
        table.remove(id("111"));
        assertEquals(List.of(contact("101")), table.contacts());
        table.remove(id("101"));
        assertEquals(List.of(), table.contacts());
    }

    @Test
    void mustRefreshOnlyBucketsNotLookedUpForLongerThanTRefresh() {
        RoutingTable table = table(2, 2, 2);
        table.touch(contact("1"));
        table.touch(contact("001"));
        Duration tRefresh = Duration.ofHours(1);

        clock.advance(tRefresh);
        assertEquals(List.of(), table.bucketsToRefresh(tRefresh));

        clock.advance(Duration.ofSeconds(1));
        table.markLookedUp(id("01"));
        assertEquals(List.of(0, 2), table.bucketsToRefresh(tRefresh));

        table.markLookedUp(id("11"));
        assertEquals(List.of(2), table.bucketsToRefresh(tRefresh));
    }

    @Test
    void mustNotRefreshBucketsDeeperThanTheDeepestNonEmptyOne() {
        RoutingTable table = table(2, 2, 2);
        clock.advance(Duration.ofDays(1));
        assertEquals(List.of(), table.bucketsToRefresh(Duration.ofHours(1)));

        table.touch(contact("01"));

        assertEquals(List.of(0, 1), table.bucketsToRefresh(Duration.ofHours(1)));
    }

    @Test
    void mustListIdleLeastRecentlySeenContactPerBucket() {
        RoutingTable table = table(3, 2, 2);
        table.touch(contact("1"));
        clock.advance(Duration.ofSeconds(10));
        table.touch(contact("11"));
        clock.advance(Duration.ofSeconds(10));
        table.touch(contact("001"));

        assertEquals(List.of(contact("1")), table.leastRecentlySeen(ManualClock.START.plusSeconds(5)));
        assertEquals(List.of(contact("1"), contact("001")),
                table.leastRecentlySeen(ManualClock.START.plusSeconds(30)));

        clock.advance(Duration.ofSeconds(20));
        table.touch(contact("1"));
        assertEquals(List.of(contact("11"), contact("001")),
                table.leastRecentlySeen(ManualClock.START.plusSeconds(30)));
    }

    @Test
    void mustRejectNegativeCountAndHonourSmallOnes() {
        RoutingTable table = table(2, 2, 2);
        table.touch(contact("1"));
        table.touch(contact("01"));

        assertEquals(List.of(), table.closest(id("1"), 0));
        assertEquals(List.of(contact("1")), table.closest(id("11"), 1));
        assertEquals(List.of(contact("01"), contact("1")), table.closest(SELF, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table.closest(SELF, -1));
        assertTrue(e.getMessage().contains("count"));
    }
}
