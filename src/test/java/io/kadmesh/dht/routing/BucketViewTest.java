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

import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeId;
import io.kadmesh.testing.ManualClock;

/** What an operator sees of the routing table: each non-empty bucket, its contacts' state, and its replacements. */
class BucketViewTest {

    private final ManualClock clock = new ManualClock();

    @Test
    void eachNonEmptyBucketShowsItsContactsInSeenOrderAndItsReplacements() {
        RoutingTable table = new RoutingTable(id(""), KademliaParameters.DEFAULTS.withK(2).withReplacementCacheSize(2)
                .withMaxFailures(3), clock);
        table.touch(contact("10"));
        table.recordFailure(id("10"));
        Instant firstSeen = clock.instant();
        clock.advance(Duration.ofSeconds(1));
        table.touch(contact("11"));
        table.touch(contact("111"));
        table.touch(contact("0001"));
        NodeId linked = id("11");

        List<BucketView> buckets = BucketView.of(table, linked::equals);

        assertEquals(List.of(0, 3), buckets.stream().map(BucketView::index).toList());
        BucketView first = buckets.get(0);
        assertEquals(List.of(id("10"), id("11")), first.contacts().stream().map(e -> e.contact().id()).toList());
        assertEquals(firstSeen, first.contacts().get(0).lastSeen());
        assertEquals(1, first.contacts().get(0).failures());
        assertFalse(first.contacts().get(0).linked());
        assertTrue(first.contacts().get(1).linked());
        assertEquals(List.of(id("111")), first.replacements().stream().map(e -> e.contact().id()).toList());
        assertEquals(List.of(id("0001")), buckets.get(1).contacts().stream().map(e -> e.contact().id()).toList());
        assertEquals(List.of(), buckets.get(1).replacements());
    }

    @Test
    void anEmptyTableHasNoBuckets() {
        RoutingTable table = new RoutingTable(id(""), KademliaParameters.DEFAULTS, clock);

        assertEquals(List.of(), BucketView.of(table, any -> false));
    }
}
