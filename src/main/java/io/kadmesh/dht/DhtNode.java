package io.kadmesh.dht;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import io.kadmesh.dht.lookup.IterativeLookup;
import io.kadmesh.dht.lookup.LookupResult;
import io.kadmesh.dht.maintenance.Maintenance;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;
import io.kadmesh.dht.protocol.FindNode;
import io.kadmesh.dht.protocol.FindValue;
import io.kadmesh.dht.protocol.Message;
import io.kadmesh.dht.protocol.MessageCodec;
import io.kadmesh.dht.protocol.Ping;
import io.kadmesh.dht.protocol.Store;
import io.kadmesh.dht.protocol.Stored;
import io.kadmesh.dht.routing.Insertion;
import io.kadmesh.dht.routing.RoutingTable;
import io.kadmesh.dht.rpc.LinkInfo;
import io.kadmesh.dht.rpc.RpcEndpoint;
import io.kadmesh.dht.rpc.RpcException;
import io.kadmesh.dht.rpc.RpcStats;
import io.kadmesh.dht.storage.InMemoryRecordStore;
import io.kadmesh.dht.storage.RecordStore;
import io.kadmesh.dht.storage.StoredRecord;
import io.kadmesh.spi.transport.Transport;

/**
 * One Kademlia node: its routing table, its records, its RPC endpoint and its maintenance. Every
 * public method may be called from any thread; the work runs on the node's scheduler and the
 * returned future completes there.
 */
public final class DhtNode {

    /** Most records one node holds. */
    public static final int RECORD_CAPACITY = 100_000;

    private final Contact self;
    private final KademliaParameters parameters;
    private final NodeContext context;
    private final RoutingTable routingTable;
    private final RecordStore records;
    private final RpcEndpoint rpc;
    private final Maintenance maintenance;
    private final Set<NodeId> evictionChecks = new HashSet<>();
    private volatile Instant lastLookupSucceeded;

    /** A node known to others as {@code self}, reachable through {@code transport}. */
    public DhtNode(Contact self, KademliaParameters parameters, MaintenanceIntervals intervals, Transport transport,
            NodeContext context) {
        this.self = Objects.requireNonNull(self, "self must be set");
        this.parameters = Objects.requireNonNull(parameters, "parameters must be set");
        this.context = Objects.requireNonNull(context, "context must be set");
        this.routingTable = new RoutingTable(self.id(), parameters, context.clock());
        this.records = new InMemoryRecordStore(RECORD_CAPACITY);
        Responder responder = new Responder(self, parameters, routingTable, records, context.clock());
        this.rpc = new RpcEndpoint(self, transport, new MessageCodec(MessageCodec.DEFAULT_MAX_FRAME_LENGTH),
                context.scheduler(), context.clock(), parameters.rpcTimeout(), request -> {
                    observe(request.sender());
                    return responder.handle(request);
                }, this::linkLost);
        this.maintenance = new Maintenance(this, intervals, context);
    }

    /** Starts answering peers and schedules maintenance. */
    public void start() {
        onScheduler(() -> {
            rpc.start();
            maintenance.start();
            return CompletableFuture.completedFuture(null);
        });
    }

    /**
     * Joins the network through the node at {@code seedAddress}, as the paper does: learns the seed's
     * id with a ping, looks up this node's own id, which announces it to its neighbours, then
     * refreshes every bucket farther away than its closest neighbour, so that it knows contacts in
     * every part of the id space and not only near itself. Completes with the seed's contact.
     */
    public CompletableFuture<Contact> join(String seedAddress) {
        return onScheduler(() -> ping(seedAddress)
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
        return onScheduler(() -> rpc.request(address, null, id -> new Ping(id, self)).thenApply(reply -> {
            observe(reply.sender());
            return reply.sender();
        }));
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
     * Stores {@code value} under {@code key} on the k nodes closest to the key, this one among them
     * if it is close enough. This node keeps the value as its publisher and republishes it. Completes
     * with how many nodes accepted it.
     */
    public CompletableFuture<Integer> store(NodeId key, String value) {
        if (value.length() > parameters.maxValueLength()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "value is " + value.length() + " characters, the limit is " + parameters.maxValueLength()));
        }
        return onScheduler(() -> {
            Instant now = context.clock().instant();
            records.put(new StoredRecord(key, value, now, now.plus(parameters.tExpire()), true));
            return findNode(key).thenCompose(lookup -> storeAt(key, value, lookup.closest()));
        });
    }

    /**
     * Sends {@code value} to each of {@code targets}, skipping this node; completes with how many
     * accepted it, this node counting as one when it is among the targets.
     */
    public CompletableFuture<Integer> storeAt(NodeId key, String value, List<Contact> targets) {
        return onScheduler(() -> {
            List<CompletableFuture<Boolean>> acks = new ArrayList<>(targets.size());
            for (Contact target : targets) {
                acks.add(target.id().equals(self.id())
                        ? CompletableFuture.completedFuture(true)
                        : ask(target, id -> new Store(id, self, key, value))
                                .handle((reply, failure) -> reply instanceof Stored));
            }
            return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .thenApply(done -> (int) acks.stream().filter(CompletableFuture::join).count());
        });
    }

    /**
     * Pings a known contact; its silence counts against it in the routing table. Completes with
     * whether it answered.
     */
    public CompletableFuture<Boolean> check(Contact contact) {
        return onScheduler(() -> ask(contact, id -> new Ping(id, self)).handle((reply, failure) -> failure == null));
    }

    private CompletableFuture<LookupResult> lookup(NodeId target, Function<String, Message> request) {
        routingTable.markLookedUp(target);
        List<Contact> start = routingTable.closest(target, parameters.k());
        IterativeLookup lookup = new IterativeLookup(target, parameters.k(), parameters.alpha(), self, start,
                contact -> ask(contact, request));
        return lookup.run().whenComplete((result, failure) -> {
            if (result != null && result.queries() > 0 && result.closest().size() > 1) {
                lastLookupSucceeded = context.clock().instant();
            }
        });
    }

    /**
     * Sends a request to a known contact. Its answer refreshes it in the routing table; its silence
     * counts against it. A different node answering at that address means the contact is gone.
     */
    private CompletableFuture<Message> ask(Contact contact, Function<String, Message> request) {
        return rpc.request(contact.address(), contact.id(), request).handle((reply, failure) -> {
            if (failure != null) {
                routingTable.recordFailure(contact.id());
                return CompletableFuture.<Message> failedFuture(failure);
            }
            observe(reply.sender());
            if (!reply.sender().id().equals(contact.id())) {
                routingTable.remove(contact.id());
                return CompletableFuture.<Message> failedFuture(new RpcException(RpcException.Kind.REMOTE_ERROR,
                        contact.address(), "answered by " + reply.sender().id() + ", not " + contact.id(), null));
            }
            return CompletableFuture.completedFuture(reply);
        }).thenCompose(Function.identity());
    }

    /**
     * The last link to an authenticated peer dropped without an orderly close, as when its process is
     * killed: the peer is asked at once, and leaves the routing table if it cannot be reached, rather
     * than after lookups and liveness pings have failed against it.
     */
    private void linkLost(String peerId) {
        if (!NodeId.isHex(peerId)) {
            return;
        }
        NodeId id = NodeId.fromHex(peerId);
        routingTable.find(id).ifPresent(contact -> rpc.request(contact.address(), id, requestId -> new Ping(requestId, self))
                .whenComplete((reply, failure) -> {
                    if (failure != null) {
                        routingTable.remove(id);
                    }
                }));
    }

    /** Records that {@code contact} is alive, checking the bucket's oldest contact when it is full. */
    private void observe(Contact contact) {
        if (routingTable.touch(contact) instanceof Insertion.PendingEviction eviction) {
            Contact oldest = eviction.leastRecentlySeen();
            if (evictionChecks.add(oldest.id())) {
                ask(oldest, id -> new Ping(id, self)).whenComplete((reply, failure) -> evictionChecks.remove(oldest.id()));
            }
        }
    }

    private <T> CompletableFuture<T> onScheduler(Supplier<CompletableFuture<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.scheduler().execute(() -> {
            try {
                work.get().whenComplete((value, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(failure);
                    } else {
                        result.complete(value);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Stops maintenance, closes every link and fails pending requests. */
    public void stop() {
        onScheduler(() -> {
            maintenance.stop();
            rpc.stop();
            return CompletableFuture.completedFuture(null);
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

    /** The routing table; read it on the scheduler. */
    public RoutingTable routingTable() {
        return routingTable;
    }

    /** The records held; read them on the scheduler. */
    public RecordStore records() {
        return records;
    }

    /** The links open now, to peers and from them, with their traffic. */
    public CompletableFuture<List<LinkInfo>> links() {
        return onScheduler(() -> CompletableFuture.completedFuture(rpc.links()));
    }

    /**
     * Keeps the number of open links within {@code [min, max]}: below the minimum it pings the
     * closest contacts it has no link to, and looks up its own id to discover more when it knows too
     * few; above the maximum it closes links idle for
     * {@code idleBeforeTrim}, farthest peers first. Completes with the number of links open when it
     * ran.
     */
    public CompletableFuture<Integer> balanceLinks(int min, int max, Duration idleBeforeTrim) {
        return onScheduler(() -> {
            int open = rpc.linkCount();
            if (open < min) {
                List<String> linked = rpc.links().stream().map(LinkInfo::peer).toList();
                List<Contact> unlinked = routingTable.closest(self.id(), parameters.k()).stream()
                        .filter(contact -> !linked.contains(contact.id().toHex())).limit(min - open).toList();
                unlinked.forEach(contact -> ask(contact, id -> new Ping(id, self)));
                if (unlinked.size() < min - open && open > 0) {
                    nodeLookup(self.id());
                }
            } else if (open > max) {
                rpc.trimLinks(max, idleBeforeTrim.toMillis());
            }
            return CompletableFuture.completedFuture(open);
        });
    }

    /** The contacts in the routing table, nearest to this node first. */
    public CompletableFuture<List<Contact>> knownContacts() {
        return onScheduler(() -> CompletableFuture.completedFuture(routingTable.closest(self.id(), Integer.MAX_VALUE)));
    }

    /**
     * What a bootstrap tells a newcomer: the k contacts closest to it, {@code extra} random others,
     * and this node, never the newcomer itself.
     */
    public CompletableFuture<List<Contact>> introductionsFor(NodeId newcomer, int extra) {
        return onScheduler(() -> {
            List<Contact> peers = new ArrayList<>(routingTable.closest(newcomer, parameters.k()));
            List<Contact> all = routingTable.contacts();
            for (int i = 0; i < extra && !all.isEmpty(); i++) {
                Contact pick = all.get(context.random().nextInt(all.size()));
                if (!peers.contains(pick)) {
                    peers.add(pick);
                }
            }
            peers.add(self);
            peers.removeIf(contact -> contact.id().equals(newcomer));
            return CompletableFuture.completedFuture(peers);
        });
    }

    /** RPC counters. */
    public RpcStats stats() {
        return rpc.stats();
    }

    /** When a lookup last reached other nodes, or null if none has yet. */
    public Instant lastLookupSucceeded() {
        return lastLookupSucceeded;
    }
}
