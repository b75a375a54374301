package io.kadmesh.dht.node;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeContext;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.lookup.LookupResult;
import io.kadmesh.dht.maintenance.MaintainedNode;
import io.kadmesh.dht.maintenance.Maintenance;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;
import io.kadmesh.dht.protocol.AddressSyntax;
import io.kadmesh.dht.protocol.Message;
import io.kadmesh.dht.protocol.MessageCodec;
import io.kadmesh.dht.protocol.ServiceReply;
import io.kadmesh.dht.protocol.ServiceRequest;
import io.kadmesh.dht.routing.BucketView;
import io.kadmesh.dht.routing.RoutingTable;
import io.kadmesh.dht.rpc.LinkInfo;
import io.kadmesh.dht.rpc.RpcEndpoint;
import io.kadmesh.dht.rpc.RpcStats;
import io.kadmesh.dht.storage.InMemoryRecordStore;
import io.kadmesh.dht.storage.KeyOwnedException;
import io.kadmesh.dht.storage.RecordStore;
import io.kadmesh.dht.storage.SignedRecord;
import io.kadmesh.dht.storage.StorageFullException;
import io.kadmesh.dht.storage.StoredRecord;
import io.kadmesh.spi.transport.Transport;

/**
 * One Kademlia node: the paper's operations over its routing table, its records and its RPC
 * endpoint, kept up by its maintenance. Every public method may be called from any thread; the work
 * runs on the node's scheduler and the returned future completes there.
 */
public final class DhtNode {

    private final Contact self;
    private final KademliaParameters parameters;
    private final NodeContext context;
    private final RoutingTable routingTable;
    private final RecordStore records;
    private final Lookups lookups;
    private final Publications publications;
    private final Responder responder;
    private final RpcEndpoint rpc;
    private final Peers peers;
    private final Maintenance maintenance;
    private final Readiness readiness = new Readiness();
    private final LinkBalancer linkBalancer;
    private final LivenessChecks livenessChecks;
    private final Introductions introductions;
    private final Storing storing;
    private final Services services;

    /**
     * A node known to others as {@code self}, reachable through {@code transport}, with
     * {@link NodeOptions#defaults()}: a fresh key of its own, the default limits, and
     * {@linkplain AddressSyntax#webSocket() WebSocket URLs} as contact addresses.
     */
    public DhtNode(Contact self, KademliaParameters parameters, MaintenanceIntervals intervals, Transport transport,
            NodeContext context) {
        this(self, parameters, intervals, transport, context, NodeOptions.defaults());
    }

    /**
     * As {@link #DhtNode(Contact, KademliaParameters, MaintenanceIntervals, Transport, NodeContext)}, but
     * accepting the contact addresses {@code addresses} accepts (a simulation's in-memory addresses, say);
     * a frame carrying any other address is refused as {@code invalid}.
     */
    public DhtNode(Contact self, KademliaParameters parameters, MaintenanceIntervals intervals, Transport transport,
            NodeContext context, AddressSyntax addresses) {
        this(self, parameters, intervals, transport, context, NodeOptions.defaults().withAddresses(addresses));
    }

    /**
     * A node known to others as {@code self}, reachable through {@code transport}, that signs its
     * publications, holds records, limits each link and accepts contact addresses as {@code options} say.
     */
    public DhtNode(Contact self, KademliaParameters parameters, MaintenanceIntervals intervals, Transport transport,
            NodeContext context, NodeOptions options) {
        this.self = Objects.requireNonNull(self, "self must be set");
        this.parameters = Objects.requireNonNull(parameters, "parameters must be set");
        this.context = Objects.requireNonNull(context, "context must be set");
        this.routingTable = new RoutingTable(self.id(), parameters, context.clock());
        this.records = new InMemoryRecordStore(options.storage());
        this.publications = new Publications(options.signer(), records, parameters.tExpire(), context.clock());
        this.services = new Services(self);
        this.responder = new Responder(self, parameters, routingTable, records, services, context.clock());
        this.rpc = new RpcEndpoint(self, transport, new MessageCodec(MessageCodec.DEFAULT_MAX_FRAME_BYTES,
                options.addresses()), context.scheduler(), context.clock(), parameters.rpcTimeout(), this::answer,
                this::linkLost, options.flood(), options.observer());
        this.peers = new Peers(self, routingTable, rpc, context.clock());
        this.lookups = new Lookups(self, parameters, context, routingTable, peers, readiness, options.observer());
        this.maintenance = new Maintenance(new Upkeep(), intervals, context);
        this.linkBalancer = new LinkBalancer(self, parameters.k(), routingTable, rpc, peers,
                () -> nodeLookup(self.id()), context.scheduler());
        this.livenessChecks = new LivenessChecks(peers, rpc, linkBalancer);
        this.introductions = new Introductions(self, parameters.k(), routingTable, context.scheduler(),
                context.random());
        this.storing = new Storing(self, records, publications, lookups, peers, () -> context.clock().instant());
    }

    /** Starts answering peers and schedules maintenance. */
    public void start() {
        context.scheduler().execute(() -> {
            rpc.start();
            maintenance.start();
        });
    }

    /**
     * Runs maintenance with {@code intervals} and {@code refresh} (the paper's tRefresh) and lets each
     * link send {@code findNodesPerSecond} lookups a second, from now on: new settings applied live.
     * Completes on the scheduler once they are in force.
     */
    public CompletableFuture<Void> retune(MaintenanceIntervals intervals, Duration refresh, int findNodesPerSecond) {
        Objects.requireNonNull(intervals, "intervals must be set");
        Objects.requireNonNull(refresh, "refresh must be set");
        return onScheduler(() -> {
            maintenance.retune(intervals, refresh);
            rpc.retuneLookupRate(findNodesPerSecond);
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
        return joinThrough(() -> peers.ping(seedAddress));
    }

    /**
     * Joins through {@code seed} as {@link #join(String)} does, but only if the node answering at its
     * address is {@code seed.id()}: otherwise fails at the ping, having learned nothing from it.
     */
    public CompletableFuture<Contact> join(Contact seed) {
        return joinThrough(() -> peers.pingAs(seed));
    }

    private CompletableFuture<Contact> joinThrough(Supplier<CompletableFuture<Contact>> ping) {
        return onScheduler(() -> ping.get()
                .thenCompose(seed -> nodeLookup(self.id()).thenCompose(lookups::refreshFartherBuckets)
                        .thenApply(done -> seed)));
    }

    /**
     * Whether {@code claimed.address()} answers as {@code claimed.id()}: dials that address, and
     * completes with the contact when the node the handshake there proves is that id; fails otherwise.
     * A node verified so is learned as any peer that answers is.
     */
    public CompletableFuture<Contact> verify(Contact claimed) {
        return onScheduler(() -> peers.verifyAddress(claimed));
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

    /**
     * Has {@code listener}, instead of any earlier one, hear on the node's scheduler of each contact
     * that leaves the routing table: one that could not be dialed, left its requests unanswered
     * {@link KademliaParameters#maxFailures()} times, or proved to be another node. A killed peer that
     * this node had a link to leaves at once.
     */
    public void onContactLost(Consumer<NodeId> listener) {
        context.scheduler().execute(() -> routingTable.onRemoval(listener));
    }

    /** Finds the k closest live nodes to {@code target}. */
    public CompletableFuture<LookupResult> findNode(NodeId target) {
        return onScheduler(() -> nodeLookup(target));
    }

    private CompletableFuture<LookupResult> nodeLookup(NodeId target) {
        return lookups.ofNode(target);
    }

    /** Finds the value stored under {@code key}, here or at the nodes closest to it. */
    public CompletableFuture<LookupResult> findValue(NodeId key) {
        return onScheduler(() -> records.get(key, context.clock().instant())
                .map(record -> CompletableFuture.completedFuture(
                        new LookupResult(key, List.of(self), 0, 0, Optional.of(record.record()))))
                .orElseGet(() -> lookups.ofValue(key, new AtomicReference<>())));
    }

    /**
     * Publishes {@code value} under {@code key}: signs it with this node's key, keeps it as its
     * publisher (and so republishes it), and stores it on the k nodes closest to the key, this one
     * among them if it is close enough, until {@code tExpire} from now. A key whose live record belongs
     * to another publisher, here or at the nodes closest to it, is refused with a
     * {@link KeyOwnedException}; a store without room for it with a {@link StorageFullException}.
     * Completes with how many nodes accepted it.
     */
    public CompletableFuture<Integer> store(NodeId key, String value) {
        return checkedLength(value).orElseGet(() -> onScheduler(() -> storing.store(key, value)));
    }

    /**
     * Publishes {@code value} under {@code key} as {@link #store} does, but only as the key's first
     * publisher, given the nodes {@code nearest} the key, nearest first, from a value lookup of the key
     * that has just found no record. The record goes to the nearest node first, and to the rest only
     * once that node took it. Of two nodes claiming one key at once, the one whose record reached that
     * node first wins; the other withdraws its record and fails with a {@link KeyOwnedException}, as it
     * does when that node does not answer or holds another publisher's record, or this node does. For
     * records that must have one publisher, such as a channel's.
     */
    public CompletableFuture<Integer> claim(NodeId key, String value, List<Contact> nearest) {
        return checkedLength(value).orElseGet(() -> onScheduler(() -> storing.claim(key, value, nearest)));
    }

    private Optional<CompletableFuture<Integer>> checkedLength(String value) {
        return value.length() <= parameters.maxValueLength() ? Optional.empty()
                : Optional.of(CompletableFuture.failedFuture(new IllegalArgumentException(
                        "value is " + value.length() + " characters, the limit is " + parameters.maxValueLength())));
    }

    /**
     * Sends {@code record} to each of {@code targets}, skipping this node; completes with how many
     * accepted it, this node counting as one when it is among the targets.
     */
    public CompletableFuture<Integer> storeAt(SignedRecord record, List<Contact> targets) {
        return onScheduler(() -> storing.storeAt(record, targets));
    }

    /** Answers the {@code service} requests naming {@code name} with {@code handler}: a protocol over the DHT. */
    public void offer(String name, ServiceHandler handler) {
        services.offer(name, Objects.requireNonNull(handler, "handler must be set"));
    }

    /**
     * Sends {@code body} to the service {@code service} of {@code peer}, over its link (a browser's
     * only if one is open), and completes with the reply's body; fails with an
     * {@link ServiceRefusedException} when it answers with an error, with an
     * {@link io.kadmesh.dht.rpc.RpcException} when it cannot be reached or does not answer in time.
     */
    public CompletableFuture<String> call(Contact peer, String service, String body) {
        return onScheduler(() -> peers.ask(peer, id -> new ServiceRequest(id, self, service, body))
                .thenApply(reply -> ((ServiceReply) reply).body())
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(Services.refusal(peer, failure))));
    }

    private Message answer(Message request) {
        peers.observe(request.sender());
        return responder.handle(request);
    }

    private void linkLost(String peerId, boolean orderly) {
        peers.linkLost(peerId, orderly);
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

    /** The id this node's publications name as their publisher: the digest of its signing key. */
    public NodeId publisherId() {
        return publications.publisher();
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
        return onScheduler(() -> CompletableFuture.completedFuture(rpc.linkControls().list()));
    }

    /** The contacts in the routing table, browsers included, nearest to this node first. */
    public CompletableFuture<List<Contact>> knownContacts() {
        return onScheduler(() -> CompletableFuture.completedFuture(routingTable.nearest(self.id())));
    }

    /** The routing table bucket by bucket: each non-empty bucket's contacts and replacement cache. */
    public CompletableFuture<List<BucketView>> buckets() {
        return onScheduler(() -> CompletableFuture.completedFuture(BucketView.of(routingTable, rpc::hasLink)));
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
            nodeLookup(record.key()).thenCompose(closest -> storing.publish(record.key(), record.value(), closest));
        }

        @Override
        public void replicate(StoredRecord record) {
            if (record.expiresAt().isAfter(context.clock().instant())) {
                storeAt(record.record(), routingTable.closest(record.key(), parameters.k()));
            }
        }

        @Override
        public void expireRecords(Instant now) {
            records.expire(now);
        }
    }
}
