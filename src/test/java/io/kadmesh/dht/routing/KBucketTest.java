package io.kadmesh.dht.routing;

import static io.kadmesh.testing.TinyIds.contact;
import static io.kadmesh.testing.TinyIds.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;

class KBucketTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant at(int seconds) {
        return T0.plus(Duration.ofSeconds(seconds));
    }

    @Test
    void mustAddWhileThereIsRoomKeepingLeastRecentlySeenFirst() {
        KBucket bucket = new KBucket(2, 2, T0);

        assertEquals(Insertion.ADDED, bucket.touch(contact("10"), at(1)));
        assertEquals(Insertion.ADDED, bucket.touch(contact("11"), at(2)));

        assertEquals(List.of(contact("10"), contact("11")), bucket.contacts());
        assertEquals(at(1), bucket.leastRecentlySeen().orElseThrow().lastSeen());
    }

    @Test
    void mustMoveKnownContactToMostRecentlySeenEndWithItsNewAddress() {
        KBucket bucket = new KBucket(3, 2, T0);
        bucket.touch(contact("10"), at(1));
        bucket.touch(contact("11"), at(2));
        Contact moved = new Contact(id("10"), "mem://elsewhere");

        assertEquals(Insertion.UPDATED, bucket.touch(moved, at(3)));

        assertEquals(List.of(contact("11"), moved), bucket.contacts());
        assertEquals(at(3), bucket.entry(id("10")).orElseThrow().lastSeen());
    }

    @Test
    void mustNameLeastRecentlySeenAndCacheNewcomerWhenFull() {
        KBucket bucket = new KBucket(2, 2, T0);
        bucket.touch(contact("10"), at(1));
        bucket.touch(contact("11"), at(2));

        Insertion insertion = bucket.touch(contact("101"), at(3));

        assertEquals(new Insertion.PendingEviction(contact("10")), insertion);
        assertEquals(List.of(contact("10"), contact("11")), bucket.contacts());
        assertTrue(bucket.isWaiting(id("101")));
    }

    @Test
    void mustEvictAtFirstFailureAndPromoteFreshestWhenReplacementWaits() {
        KBucket bucket = new KBucket(2, 3, T0);
        bucket.touch(contact("10"), at(1));
        bucket.touch(contact("11"), at(2));
        bucket.touch(contact("101"), at(3));
        bucket.touch(contact("111"), at(4));

        assertTrue(bucket.recordFailure(id("10"), 5));

        assertEquals(List.of(contact("11"), contact("111")), bucket.contacts());
        assertTrue(bucket.isWaiting(id("101")));
        assertFalse(bucket.isWaiting(id("111")));
    }

    @Test
    void mustTolerateFailuresUntilMaxFailuresWhenNoReplacementWaits() {
        KBucket bucket = new KBucket(2, 2, T0);
        bucket.touch(contact("10"), at(1));

        assertFalse(bucket.recordFailure(id("10"), 3));
        assertFalse(bucket.recordFailure(id("10"), 3));
        assertEquals(2, bucket.entry(id("10")).orElseThrow().failures());
        assertTrue(bucket.recordFailure(id("10"), 3));

        assertTrue(bucket.isEmpty());
    }

    @Test
    void mustForgetFailuresWhenContactIsSeenAgain() {
        KBucket bucket = new KBucket(2, 2, T0);
        bucket.touch(contact("10"), at(1));
        bucket.recordFailure(id("10"), 2);

        bucket.touch(contact("10"), at(2));

        assertEquals(0, bucket.entry(id("10")).orElseThrow().failures());
        assertFalse(bucket.recordFailure(id("10"), 2));
    }

    @Test
    void mustKeepNewestReplacementsWhenCacheIsFull() {
        KBucket bucket = new KBucket(1, 2, T0);
        bucket.touch(contact("1"), at(1));
        bucket.touch(contact("11"), at(2));
        bucket.touch(contact("101"), at(3));
        bucket.touch(contact("111"), at(4));

        assertEquals(2, bucket.waitingCount());
        assertFalse(bucket.isWaiting(id("11")));
        assertTrue(bucket.isWaiting(id("101")));
        assertTrue(bucket.isWaiting(id("111")));
    }

    @Test
    void mustRefreshRatherThanDuplicateAWaitingReplacement() {
        KBucket bucket = new KBucket(1, 2, T0);
        bucket.touch(contact("1"), at(1));
        bucket.touch(contact("11"), at(2));
        bucket.touch(contact("101"), at(3));

        bucket.touch(contact("11"), at(4));

        assertEquals(2, bucket.waitingCount());
        bucket.remove(id("1"));
        assertEquals(List.of(contact("11")), bucket.contacts());
    }

    @Test
    void mustKeepSeenOrderWhenPromotingAnOlderReplacement() {
        KBucket bucket = new KBucket(2, 2, T0);
        bucket.touch(contact("10"), at(1));
        bucket.touch(contact("11"), at(2));
        bucket.touch(contact("101"), at(3));
        bucket.touch(contact("11"), at(4));

        bucket.remove(id("10"));

        assertEquals(List.of(contact("101"), contact("11")), bucket.contacts());
    }

    @Test
    void mustDropAFailedReplacementWithoutReportingARemoval() {
        KBucket bucket = new KBucket(1, 2, T0);
        bucket.touch(contact("1"), at(1));
        bucket.touch(contact("11"), at(2));

        assertFalse(bucket.recordFailure(id("11"), 2));

        assertFalse(bucket.isWaiting(id("11")));
        assertFalse(bucket.recordFailure(id("1"), 2));
        assertEquals(List.of(contact("1")), bucket.contacts());
    }

    @Test
    void mustStillNameEvictionCandidateWhenCacheIsDisabled() {
        KBucket bucket = new KBucket(1, 0, T0);
        bucket.touch(contact("1"), at(1));

        assertEquals(new Insertion.PendingEviction(contact("1")), bucket.touch(contact("11"), at(2)));

        assertEquals(0, bucket.waitingCount());
        assertTrue(bucket.remove(id("1")));
        assertTrue(bucket.isEmpty());
    }

    @Test
    void mustReportUnknownIdsAsNotRemoved() {
        KBucket bucket = new KBucket(2, 2, T0);
        bucket.touch(contact("1"), at(1));
        NodeId unknown = id("11");

        assertFalse(bucket.recordFailure(unknown, 1));
        assertFalse(bucket.remove(unknown));
        assertEquals(1, bucket.size());
    }
}
