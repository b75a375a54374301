package io.kadmesh.dht.lookup;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;

/**
 * What a lookup found.
 *
 * @param target the id looked up
 * @param closest the closest live contacts found, nearest first, at most k; includes the looking
 *        node itself when it is among them
 * @param hops the longest chain of queries that led to the result: 1 when the first contacts asked
 *        already knew the answer
 * @param queries how many requests the lookup sent
 * @param value for a value lookup, the value if one was found
 */
public record LookupResult(NodeId target, List<Contact> closest, int hops, int queries, Optional<String> value) {

    public LookupResult {
        Objects.requireNonNull(target, "target must be set");
        closest = List.copyOf(closest);
        Objects.requireNonNull(value, "value must be set, possibly empty");
    }
}
