package io.kadmesh.dht.node;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeContext;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.lookup.IterativeLookup;
import io.kadmesh.dht.lookup.LookupResult;
import io.kadmesh.dht.maintenance.MaintainedNode;
import io.kadmesh.dht.maintenance.Maintenance;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;
import io.kadmesh.dht.protocol.AddressSyntax;
import io.kadmesh.dht.protocol.FindNode;
import io.kadmesh.dht.protocol.FindValue;
import io.kadmesh.dht.protocol.Message;
import io.kadmesh.dht.protocol.MessageCodec;
import io.kadmesh.dht.protocol.Store;
import io.kadmesh.dht.protocol.Stored;
import io.kadmesh.dht.routing.RoutingTable;
import io.kadmesh.dht.rpc.LinkInfo;
import io.kadmesh.dht.rpc.RpcEndpoint;
import io.kadmesh.dht.rpc.RpcStats;
import io.kadmesh.dht.storage.InMemoryRecordStore;
import io.kadmesh.dht.storage.RecordStore;
import io.kadmesh.dht.storage.StoredRecord;
import io.kadmesh.spi.transport.Transport;

/**
 * One Kademlia node: the paper's operations over its routing table, its records and its RPC
 * endpoint, kept up by its maintenance. Every public method may be called from any thread; the work
 * runs on the node's scheduler and the returned future completes there.
 */
public final class DhtNode {

    /** Most records one node holds. */
    public static final int RECORD_CAPACITY = 100_000;
    /** A lookup's query is slow after this fraction of the RPC timeout; see {@link #slowAfter()}. */
    private static final int SLOW_QUERY_FRACTION = 10;

    private final Contact self;
    private final KademliaParameters parameters;
    private final NodeContext context;
    private final RoutingTable routingTable;
    private final RecordStore records;
    private final Responder responder;
    private final RpcEndpoint rpc;
    private final Peers peers;
    private final Maintenance maintenance;
    private final Readiness readiness = new Readiness();
    private final LinkBalancer linkBalancer;
    private final LivenessChecks livenessChecks;
    private final Introductions introductions;

    /**
     * A node known to others as {@code self}, reachable through {@code transport}, that accepts
     * {@linkplain AddressSyntax#webSocket() WebSocket URLs} as contact addresses.
     */
    public DhtNode(Contact self, KademliaParameters parameters, MaintenanceIntervals intervals, Transport transport,
            NodeContext context) {
        this(self, parameters, intervals, transport, context, AddressSyntax.webSocket());
    }

    /**
     * A node known to others as {@code self}, reachable through {@code transport}, that accepts the
     * contact addresses {@code addresses} accepts (a simulation's in-memory addresses, say); a frame
     * carrying any other address is refused as {@code invalid}.
     */
    public DhtNode(Contact self, KademliaParameters parameters, MaintenanceIntervals intervals, Transport transport,
            NodeContext context, AddressSyntax addresses) {
        this.self = Objects.requireNonNull(self, "self must be set");
        this.parameters = Objects.requireNonNull(parameters, "parameters must be set");
        this.context = Objects.requireNonNull(context, "context must be set");
        this.routingTable = new RoutingTable(self.id(), parameters, context.clock());
        this.records = new InMemoryRecordStore(RECORD_CAPACITY);
        this.responder = new Responder(self, parameters, routingTable, records, context.clock());
        this.rpc = new RpcEndpoint(self, transport, new MessageCodec(MessageCodec.DEFAULT_MAX_FRAME_LENGTH, addresses),
                context.scheduler(), context.clock(), parameters.rpcTimeout(), this::answer, this::linkLost);
        this.peers = new Peers(self, routingTable, rpc, context.clock());
        this.maintenance = new Maintenance(new Upkeep(), intervals, context);
        this.linkBalancer = new LinkBalancer(self, parameters.k(), routingTable, rpc, peers,
                () -> nodeLookup(self.id()), context.scheduler());
        this.livenessChecks = new LivenessChecks(peers, rpc, linkBalancer);
        this.introductions = new Introductions(self, parameters.k(), routingTable, context.scheduler(),
                context.random());
    }

    /** Starts answering peers and schedules maintenance. */
    public void start() {
        context.scheduler().execute(() -> {
            rpc.start();
            maintenance.start();
        });
    }

    /**
     * Joins the network through the node at {@code seedAddress}, as the paper does: learns the seed's
     * id with a ping, looks up this node's own id, which announces it to its neighbours, then
     * refreshes every bucket farther away than its closest neighbour, so that it knows contacts in
     * every part of the id space and not only near itself. Completes with the seed's contact.
     */
    public CompletableFuture<Contact> join(String seedAddress) {
        return onScheduler(() -> peers.ping(seedAddress)
                .thenCompose(seed -> nodeLookup(self.id()).thenCompose(this::refreshFartherBuckets)
                        .thenApply(done -> seed)));
    }

    private CompletableFuture<Void> refreshFartherBuckets(LookupResult selfLookup) {
        int closestNeighbour = selfLookup.closest().stream().filter(contact -> !contact.id().equals(self.id()))
                .mapToInt(contact -> routingTable.bucketIndex(contact.id())).findFirst().orElse(0);
        List<CompletableFuture<LookupResult>> refreshes = new ArrayList<>();
        for (int bucket = 0; bucket < closestNeighbour; bucket++) {
            refreshes.add(nodeLookup(self.id().randomWithSharedPrefix(bucket, context.random())));
        }
        return CompletableFuture.allOf(refreshes.toArray(CompletableFuture[]::new));
    }

    /** Pings the node at {@code address}; completes with its contact. */
    public CompletableFuture<Contact> ping(String address) {
        return onScheduler(() -> peers.ping(address));
    }

    /**
     * Pings a known contact; its silence counts against it in the routing table. Completes with
     * whether it answered.
     */
    public CompletableFuture<Boolean> check(Contact contact) {
        return onScheduler(() -> peers.check(contact));
    }

    /** Finds the k closest live nodes to {@code target}. */
    public CompletableFuture<LookupResult> findNode(NodeId target) {
        return onScheduler(() -> nodeLookup(target));
    }

    private CompletableFuture<LookupResult> nodeLookup(NodeId target) {
        return lookup(target, id -> new FindNode(id, self, target));
    }

    /** Finds the value stored under {@code key}, here or at the nodes closest to it. */
    public CompletableFuture<LookupResult> findValue(NodeId key) {
        return onScheduler(() -> records.get(key, context.clock().instant())
                .map(record -> CompletableFuture.completedFuture(
                        new LookupResult(key, List.of(self), 0, 0, Optional.of(record.value()))))
                .orElseGet(() -> lookup(key, id -> new FindValue(id, self, key))));
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

    private CompletableFuture<LookupResult> lookup(NodeId target, Function<String, Message> request) {
        routingTable.markLookedUp(target);
        List<Contact> start = routingTable.closest(target, parameters.k());
        IterativeLookup lookup = new IterativeLookup(target, parameters.k(), parameters.alpha(), self, start,
                contact -> peers.ask(contact, request), context.scheduler(), slowAfter(),
                parameters.rpcTimeout().minus(slowAfter()));
        return lookup.run().whenComplete((result, failure) -> {
            if (result != null) {
                readiness.lookupFinished(result, context.clock().instant());
            }
        });
    }

    /**
     * Stores {@code value} under {@code key} on the k nodes closest to the key, this one among them
     * if it is close enough, for the full lifetime {@code tExpire}. This node keeps the value as its
     * publisher and republishes it. Completes with how many nodes accepted it.
     */
    public CompletableFuture<Integer> store(NodeId key, String value) {
        if (value.length() > parameters.maxValueLength()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "value is " + value.length() + " characters, the limit is " + parameters.maxValueLength()));
        }
        return onScheduler(() -> {
            Instant now = context.clock().instant();
            records.put(new StoredRecord(key, value, now, now.plus(parameters.tExpire()), true));
            return nodeLookup(key).thenCompose(lookup -> storeAt(key, value, parameters.tExpire(), lookup.closest()));
        });
    }

    /**
     * Sends {@code value} to each of {@code targets}, skipping this node, to be kept for {@code ttl};
     * completes with how many accepted it, this node counting as one when it is among the targets.
     */
    public CompletableFuture<Integer> storeAt(NodeId key, String value, Duration ttl, List<Contact> targets) {
        return onScheduler(() -> {
            List<CompletableFuture<Boolean>> acks = new ArrayList<>(targets.size());
            for (Contact target : targets) {
                acks.add(target.id().equals(self.id())
                        ? CompletableFuture.completedFuture(true)
                        : peers.ask(target, id -> new Store(id, self, key, value, ttl))
                                .handle((reply, failure) -> reply instanceof Stored));
            }
            return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .thenApply(done -> (int) acks.stream().filter(CompletableFuture::join).count());
        });
    }

    private Message answer(Message request) {
        peers.observe(request.sender());
        return responder.handle(request);
    }

    private void linkLost(String peerId) {
        peers.linkLost(peerId);
    }

    private <T> CompletableFuture<T> onScheduler(Supplier<CompletableFuture<T>> work) {
        return context.scheduler().call(work);
    }

    /** Stops maintenance, closes every link and fails pending requests. */
    public void stop() {
        context.scheduler().execute(() -> {
            maintenance.stop();
            rpc.stop();
        });
    }

    /** How others reach this node. */
    public Contact contact() {
        return self;
    }

    /** This node's id. */
    public NodeId id() {
        return self.id();
    }

    /** The protocol parameters in force. */
    public KademliaParameters parameters() {
        return parameters;
    }

    /** The links open now, to peers and from them, with their traffic. */
    public CompletableFuture<List<LinkInfo>> links() {
        return onScheduler(() -> CompletableFuture.completedFuture(rpc.links()));
    }

    /** The contacts in the routing table, nearest to this node first. */
    public CompletableFuture<List<Contact>> knownContacts() {
        return onScheduler(() -> CompletableFuture.completedFuture(routingTable.closest(self.id(), Integer.MAX_VALUE)));
    }

    /** The records this node holds, its own and replicas, expired ones not yet dropped included. */
    public CompletableFuture<List<StoredRecord>> heldRecords() {
        return onScheduler(() -> CompletableFuture.completedFuture(List.copyOf(records.records())));
    }

    /** RPC counters. */
    public RpcStats stats() {
        return rpc.stats();
    }

    /** Keeps the number of open links within bounds. */
    public LinkBalancer linkBalancer() {
        return linkBalancer;
    }

    /** What this node tells newcomers when it serves as their bootstrap. */
    public Introductions introductions() {
        return introductions;
    }

    /** When a lookup last reached other nodes. */
    public Readiness readiness() {
        return readiness;
    }

    /** What maintenance sees of this node and asks of it. Runs on the scheduler. */
    private final class Upkeep implements MaintainedNode {

        @Override
        public KademliaParameters parameters() {
            return parameters;
        }

        @Override
        public List<Integer> bucketsIdleFor(Duration idle) {
            return routingTable.bucketsToRefresh(idle);
        }

        @Override
        public void refreshBucket(int index) {
            nodeLookup(self.id().randomWithSharedPrefix(index, context.random()));
        }

        @Override
        public List<Contact> silentContacts(Instant since, int limit) {
            return routingTable.silentContacts(since, limit);
        }

        @Override
        public void check(Contact contact) {
            livenessChecks.check(contact);
        }

        @Override
        public Collection<StoredRecord> records() {
            return records.records();
        }

        @Override
        public void republish(StoredRecord record) {
            store(record.key(), record.value());
        }

        @Override
        public void replicate(StoredRecord record) {
            Duration left = Duration.between(context.clock().instant(), record.expiresAt());
            if (!left.isNegative() && !left.isZero()) {
                storeAt(record.key(), record.value(), left, routingTable.closest(record.key(), parameters.k()));
            }
        }

        @Override
        public void expireRecords(Instant now) {
            records.expire(now);
        }
    }
}
