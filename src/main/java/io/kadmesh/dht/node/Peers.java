package io.kadmesh.dht.node;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.protocol.Message;
import io.kadmesh.dht.protocol.Ping;
import io.kadmesh.dht.routing.Insertion;
import io.kadmesh.dht.routing.RoutingTable;
import io.kadmesh.dht.rpc.RpcEndpoint;
import io.kadmesh.dht.rpc.RpcException;

/**
 * Requests to known contacts, and what their answers and silences teach the routing table, as the
 * paper has it: every message heard refreshes its sender, every unanswered request counts against
 * its contact. Confined to the node's scheduler.
 */
final class Peers {

    private final Contact self;
    private final RoutingTable routingTable;
    private final RpcEndpoint rpc;
    private final Set<NodeId> evictionChecks = new HashSet<>();

    Peers(Contact self, RoutingTable routingTable, RpcEndpoint rpc) {
        this.self = self;
        this.routingTable = routingTable;
        this.rpc = rpc;
    }

    /**
     * Sends a request to a known contact. Its answer refreshes it in the routing table; its silence
     * counts against it. A different node answering at that address means the contact is gone.
     */
    CompletableFuture<Message> ask(Contact contact, Function<String, Message> request) {
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

    /** Pings the node at {@code address}, whose id is not known yet; completes with its contact. */
    CompletableFuture<Contact> ping(String address) {
        return rpc.request(address, null, id -> new Ping(id, self)).thenApply(reply -> {
            observe(reply.sender());
            return reply.sender();
        });
    }

    /**
     * Pings {@code expected.id()} at {@code expected.address()}, naming the id, so that the dial is
     * guarded as that peer's. Fails, and teaches the routing table nothing, when another node answers:
     * an introduction that pairs an id with someone else's address does not pass.
     */
    CompletableFuture<Contact> pingAs(Contact expected) {
        return answeredAs(expected, rpc.request(expected.address(), expected.id(), id -> new Ping(id, self)));
    }

    /**
     * Whether the node at {@code claimed.address()} is {@code claimed.id()}: dials the address itself,
     * whatever link to that id may be open already, so that only the node the handshake there proves
     * can answer. Fails, teaching the routing table nothing, when another node answers.
     */
    CompletableFuture<Contact> verifyAddress(Contact claimed) {
        return answeredAs(claimed, rpc.request(claimed.address(), null, id -> new Ping(id, self)));
    }

    private CompletableFuture<Contact> answeredAs(Contact expected, CompletableFuture<Message> ping) {
        return ping.thenApply(reply -> {
            if (!reply.sender().id().equals(expected.id())) {
                throw new RpcException(RpcException.Kind.REMOTE_ERROR, expected.address(),
                        "answered by " + reply.sender().id() + ", not the expected " + expected.id(), null);
            }
            observe(reply.sender());
            return reply.sender();
        });
    }

    /** Pings a known contact; completes with whether it answered. */
    CompletableFuture<Boolean> check(Contact contact) {
        return ask(contact, id -> new Ping(id, self)).handle((reply, failure) -> failure == null);
    }

    /** Records that {@code contact} is alive, checking the bucket's oldest contact when it is full. */
    void observe(Contact contact) {
        if (routingTable.touch(contact) instanceof Insertion.PendingEviction eviction) {
            Contact oldest = eviction.leastRecentlySeen();
            if (evictionChecks.add(oldest.id())) {
                check(oldest).whenComplete((answered, failure) -> evictionChecks.remove(oldest.id()));
            }
        }
    }

    /**
     * The last link to an authenticated peer dropped without an orderly close, as when its process is
     * killed: the peer is asked at once, and leaves the routing table if it cannot be reached, rather
     * than after lookups and liveness pings have failed against it.
     */
    void linkLost(String peerId) {
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
}
