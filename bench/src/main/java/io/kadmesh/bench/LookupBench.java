package io.kadmesh.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kadmesh.dht.NodeId;
import io.kadmesh.it.harness.FindNodeReply;
import io.kadmesh.it.harness.NodeClient;
import io.kadmesh.it.harness.TrueClosest;
import io.kadmesh.localnet.NodeProcess;

/**
 * Times find_node lookups of random targets from random members, at the REST client and as the node
 * reports it, one at a time, counts how many return exactly the true k closest members, and how many
 * requests each sent to other nodes (a lookup answered from a table or a cache alone would show 0).
 * After each lookup it times a request that does no lookup ({@code GET /api/node}), the share of a
 * lookup's time that is the REST round trip alone.
 */
final class LookupBench {

    private final List<NodeProcess> members;
    private final Random random;
    private final int k;
    private final Set<String> ids;

    LookupBench(List<NodeProcess> members, Random random, int k) {
        this.members = List.copyOf(members);
        this.random = random;
        this.k = k;
        this.ids = members.stream().map(member -> NodeClient.of(member).node().nodeId()).collect(Collectors.toSet());
    }

    /** Runs {@code warmup} untimed lookups, then {@code lookups} timed ones; returns their figures. */
    ObjectNode run(int warmup, int lookups) {
        for (int i = 0; i < warmup; i++) {
            lookupOnce(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
        List<Double> millis = new ArrayList<>(lookups);
        List<Double> atNode = new ArrayList<>(lookups);
        List<Double> queries = new ArrayList<>(lookups);
        List<Double> plainGets = new ArrayList<>(lookups);
        int correct = 0;
        for (int i = 0; i < lookups; i++) {
            correct += lookupOnce(millis, atNode, queries) ? 1 : 0;
            plainGets.add(plainGet());
        }
        Sample sample = Sample.of(millis);
        Sample node = Sample.of(atNode);
        Sample rpcs = Sample.of(queries);
        Sample rest = Sample.of(plainGets);
        return JsonNodeFactory.instance.objectNode().put("lookups", lookups).put("warmup", warmup)
                .put("correct", correct).put("meanMs", NetworkBenchmark.round(sample.mean()))
                .put("p50Ms", NetworkBenchmark.round(sample.percentile(50)))
                .put("p99Ms", NetworkBenchmark.round(sample.percentile(99)))
                .put("atNodeMeanMs", NetworkBenchmark.round(node.mean()))
                .put("atNodeP50Ms", NetworkBenchmark.round(node.percentile(50)))
                .put("plainGetP50Ms", NetworkBenchmark.round(rest.percentile(50)))
                .put("rpcsPerLookup", NetworkBenchmark.round(rpcs.mean()))
                .put("minRpcsPerLookup", NetworkBenchmark.round(rpcs.min()));
    }

    /** The time of one request that does no lookup ({@code GET /api/node}) to a random member, in ms. */
    private double plainGet() {
        NodeClient to = NodeClient.of(members.get(random.nextInt(members.size())));
        long started = System.nanoTime();
        to.node();
        return (System.nanoTime() - started) / 1e6;
    }

    /**
     * One lookup of a random target from a random member, its time added to {@code millis}, the time the
     * node itself reports to {@code atNode} and its requests to {@code queries}; whether it found the
     * true k closest.
     */
    private boolean lookupOnce(List<Double> millis, List<Double> atNode, List<Double> queries) {
        String target = NodeId.random(random).toHex();
        NodeClient from = NodeClient.of(members.get(random.nextInt(members.size())));
        long started = System.nanoTime();
        FindNodeReply reply = from.findNode(target);
        millis.add((System.nanoTime() - started) / 1e6);
        atNode.add(reply.durationMs());
        queries.add((double) reply.queries());
        return TrueClosest.matches(reply.closestIds(), ids, target, k);
    }
}
