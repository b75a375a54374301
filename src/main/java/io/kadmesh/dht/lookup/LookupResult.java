package io.kadmesh.dht.lookup;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.storage.SignedRecord;

/**
 * What a lookup found.
 *
 * @param target the id looked up
 * @param closest the closest live contacts found, nearest first, at most k; includes the looking
 *        node itself when it is among them
 * @param hops the longest chain of queries that led to the result: 1 when the first contacts asked
 *        already knew the answer
 * @param queries how many requests the lookup sent
 * @param record for a value lookup, the sound record found, if one was: its value and its proven
 *        publisher
 */
public record LookupResult(NodeId target, List<Contact> closest, int hops, int queries,
        Optional<SignedRecord> record) {

    public LookupResult {
        Objects.requireNonNull(target, "target must be set");
        closest = List.copyOf(closest);
        Objects.requireNonNull(record, "record must be set, possibly empty");
    }

    /** For a value lookup, the value found, if one was. */
    public Optional<String> value() {
        return record.map(SignedRecord::value);
    }
}
