package io.kadmesh.dht.node;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeContext;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.lookup.IterativeLookup;
import io.kadmesh.dht.lookup.LookupResult;
import io.kadmesh.dht.protocol.FindNode;
import io.kadmesh.dht.protocol.FindValue;
import io.kadmesh.dht.protocol.Message;
import io.kadmesh.dht.protocol.Value;
import io.kadmesh.dht.routing.RoutingTable;
import io.kadmesh.dht.rpc.RpcException;
import io.kadmesh.dht.rpc.RpcObserver;
import io.kadmesh.dht.storage.RecordCheck;
import io.kadmesh.dht.storage.SignedRecord;

/**
 * The node's iterative lookups, of nodes and of values, started from the k closest contacts its
 * routing table knows; each one that ends is reported to the node's {@link Readiness} and its
 * {@link RpcObserver}. Confined to the node's scheduler.
 */
final class Lookups {

    /** A lookup's query is slow after this fraction of the RPC timeout; see {@link #slowAfter()}. */
    private static final int SLOW_QUERY_FRACTION = 10;

    private final Contact self;
    private final KademliaParameters parameters;
    private final NodeContext context;
    private final RoutingTable routingTable;
    private final Peers peers;
    private final Readiness readiness;
    private final RecordCheck recordCheck;
    private final RpcObserver observer;

    Lookups(Contact self, KademliaParameters parameters, NodeContext context, RoutingTable routingTable, Peers peers,
            Readiness readiness, RpcObserver observer) {
        this.self = self;
        this.parameters = parameters;
        this.context = context;
        this.routingTable = routingTable;
        this.peers = peers;
        this.readiness = readiness;
        this.recordCheck = new RecordCheck(parameters.tExpire());
        this.observer = observer;
    }

    /** Finds the k closest live nodes to {@code target}. */
    CompletableFuture<LookupResult> ofNode(NodeId target) {
        return lookup(target, contact -> peers.ask(contact, id -> new FindNode(id, self, target)));
    }

    /**
     * The paper's last step of a join, after {@code selfLookup}, the lookup of this node's own id: a
     * lookup in every bucket farther away than the closest neighbour, to fill them and to make this node
     * known there. Left out when that lookup found fewer than k nodes: it ran out of nodes to ask, so it
     * has asked, and learned, every node it can reach, and a refresh would ask them all again to learn
     * nothing.
     */
    CompletableFuture<Void> refreshFartherBuckets(LookupResult selfLookup) {
        if (selfLookup.closest().size() < parameters.k()) {
            return CompletableFuture.completedFuture(null);
        }
        int closestNeighbour = selfLookup.closest().stream().filter(contact -> !contact.id().equals(self.id()))
                .mapToInt(contact -> routingTable.bucketIndex(contact.id())).findFirst().orElse(0);
        List<CompletableFuture<LookupResult>> refreshes = new ArrayList<>();
        for (int bucket = 0; bucket < closestNeighbour; bucket++) {
            refreshes.add(ofNode(self.id().randomWithSharedPrefix(bucket, context.random())));
        }
        return CompletableFuture.allOf(refreshes.toArray(CompletableFuture[]::new));
    }

    /**
     * A value lookup that believes only sound records: a {@code value} reply whose record does not pass
     * {@link RecordCheck} counts as a failed query, so the lookup goes on to other nodes. The record the
     * lookup ends with is left in {@code found}.
     */
    CompletableFuture<LookupResult> ofValue(NodeId key, AtomicReference<SignedRecord> found) {
        return lookup(key, contact -> peers.ask(contact, id -> new FindValue(id, self, key))
                .thenCompose(reply -> believed(contact, key, reply, found)));
    }

    private CompletableFuture<Message> believed(Contact contact, NodeId key, Message reply,
            AtomicReference<SignedRecord> found) {
        if (reply instanceof Value value) {
            Optional<String> problem = value.key().equals(key)
                    ? recordCheck.problem(value.record(), context.clock().instant())
                    : Optional.of("it answers for key " + value.key());
            if (problem.isPresent()) {
                return CompletableFuture.failedFuture(new RpcException(RpcException.Kind.REMOTE_ERROR,
                        contact.address(), "value refused: " + problem.get(), null));
            }
            found.set(value.record());
        }
        return CompletableFuture.completedFuture(reply);
    }

    /**
     * How long a lookup's query may go unanswered before it stops holding one of the alpha slots: a
     * tenth of the RPC timeout, so that contacts that never answer (dead, or black holes a poisoned
     * reply named) are all asked within it; each query is given up after the RPC timeout less this,
     * so together they cost the lookup at most one RPC timeout.
     */
    private Duration slowAfter() {
        return parameters.rpcTimeout().dividedBy(SLOW_QUERY_FRACTION);
    }

    private CompletableFuture<LookupResult> lookup(NodeId target, IterativeLookup.Query query) {
        routingTable.markLookedUp(target);
        Instant started = context.clock().instant();
        List<Contact> start = routingTable.closest(target, parameters.k());
        IterativeLookup lookup = new IterativeLookup(target, parameters.k(), parameters.alpha(), self, start, query,
                context.scheduler(), slowAfter(), parameters.rpcTimeout().minus(slowAfter()));
        return lookup.run().whenComplete((result, failure) -> {
            if (result != null) {
                Instant finished = context.clock().instant();
                readiness.lookupFinished(result, Duration.between(started, finished), finished);
                observer.lookupEnded(result.hops());
            }
        });
    }
}
