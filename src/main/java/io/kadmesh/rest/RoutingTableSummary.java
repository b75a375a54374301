package io.kadmesh.rest;

import java.util.List;

import io.kadmesh.dht.routing.BucketView;

/**
 * The routing table in a diagnosis: how many contacts it holds and in what state, in one line's worth;
 * {@code GET /api/node/routing-table} lists them.
 *
 * @param buckets the non-empty buckets
 * @param contacts the contacts in them
 * @param browsers how many of those are browsers
 * @param linked how many have a link open
 * @param failing how many failed their last request, not yet dropped
 * @param replacements contacts waiting in the buckets' replacement caches
 */
public record RoutingTableSummary(int buckets, int contacts, int browsers, int linked, int failing, int replacements) {

    /** The summary of {@code buckets}, as {@link io.kadmesh.dht.node.DhtNode#buckets()} lists them. */
    static RoutingTableSummary of(List<BucketView> buckets) {
        List<BucketView.Entry> contacts = buckets.stream().flatMap(bucket -> bucket.contacts().stream()).toList();
        return new RoutingTableSummary(buckets.size(), contacts.size(),
                (int) contacts.stream().filter(entry -> entry.contact().isBrowser()).count(),
                (int) contacts.stream().filter(BucketView.Entry::linked).count(),
                (int) contacts.stream().filter(entry -> entry.failures() > 0).count(),
                buckets.stream().mapToInt(bucket -> bucket.replacements().size()).sum());
    }
}
