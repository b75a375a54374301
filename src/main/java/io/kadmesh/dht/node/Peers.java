package io.kadmesh.dht.node;

import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
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
    private final UnreachableAddresses unreachable;

    Peers(Contact self, RoutingTable routingTable, RpcEndpoint rpc, Clock clock) {
        this.self = self;
        this.routingTable = routingTable;
        this.rpc = rpc;
        this.unreachable = new UnreachableAddresses(clock);
    }

    /**
     * Sends a request to a contact. Where the routing table holds the contact's id, the request goes
     * to the address the table holds, which the peer itself declared on an authenticated link: an
     * address a third party named never replaces it. An address that recently failed is not tried
     * again, and the request fails at once, unless the peer has a link open or the table holds it at
     * that address: a live contact that was slow once under load stays askable, while the black holes a
     * poisoned reply names (which never enter the table) cost nothing more. An answer refreshes the
     * contact; a failure counts against it only when it was asked at the address the table holds, so
     * that a bogus address another peer names for an honest id cannot make the table drop it.
     */
    CompletableFuture<Message> ask(Contact contact, Function<String, Message> request) {
        Contact asked = routingTable.find(contact.id()).orElse(contact);
        boolean linked = rpc.hasLink(asked.id());
        if (!linked && asked.isBrowser()) {
            return CompletableFuture.failedFuture(new RpcException(RpcException.Kind.UNREACHABLE, asked.address(),
                    "a browser cannot be dialed, and no link to it is open", null));
        }
        if (!linked && !isHeld(asked) && unreachable.isUnreachable(asked.address())) {
            return CompletableFuture.failedFuture(new RpcException(RpcException.Kind.UNREACHABLE, asked.address(),
                    "unreachable a moment ago; not tried again for a while", null));
        }
        return rpc.request(asked.address(), asked.id(), request)
                .handle((reply, failure) -> answered(asked, linked, reply, failure)).thenCompose(Function.identity());
    }

    private CompletableFuture<Message> answered(Contact asked, boolean linked, Message reply, Throwable failure) {
        if (failure != null) {
            if (!linked && isUnreachable(failure)) {
                unreachable.failed(asked.address(), RpcException.isDialFailure(failure));
            }
            countFailure(asked);
            return CompletableFuture.failedFuture(failure);
        }
        if (!linked) {
            unreachable.reached(asked.address());
        }
        observe(reply.sender());
        if (!reply.sender().id().equals(asked.id())) {
            if (isHeld(asked)) {
                routingTable.remove(asked.id());
            }
            return CompletableFuture.failedFuture(new RpcException(RpcException.Kind.REMOTE_ERROR, asked.address(),
                    "answered by " + reply.sender().id() + ", not " + asked.id(), null));
        }
        return CompletableFuture.completedFuture(reply);
    }

    /**
     * A dial that failed, or one that brought no link within the RPC timeout: worth remembering the
     * address for a while. A request sent on a link and not answered in time is not: its peer was
     * reached, and may only be slow.
     */
    private static boolean isUnreachable(Throwable failure) {
        return RpcException.is(failure, RpcException.Kind.UNREACHABLE);
    }

    /** Counts a failure against the table's contact, if the table holds it at the address asked. */
    private void countFailure(Contact asked) {
        if (isHeld(asked)) {
            routingTable.recordFailure(asked.id());
        }
    }

    /** Whether the routing table holds exactly this (id, address) pair. */
    private boolean isHeld(Contact contact) {
        return routingTable.find(contact.id()).filter(held -> held.address().equals(contact.address())).isPresent();
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

    /** Pings {@code contact}; completes with the failure, or null when it answered. */
    CompletableFuture<Throwable> pingFailure(Contact contact) {
        return ask(contact, id -> new Ping(id, self)).handle((reply, failure) -> failure);
    }

    /** Drops {@code contact} from the table, or from the replacement cache it waits in, if it is there. */
    void forget(Contact contact) {
        if (isHeld(contact) || routingTable.isWaiting(contact)) {
            routingTable.remove(contact.id());
        }
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
     * The last link to an authenticated peer closed. A browser leaves the routing table at once: nobody
     * can dial it, so without a link it is out of reach. A node whose link dropped without an orderly
     * close, as when its process is killed, is asked at once, and leaves the table if it cannot be
     * reached, rather than after lookups and liveness pings have failed against it.
     */
    void linkLost(String peerId, boolean orderly) {
        if (!NodeId.isHex(peerId)) {
            return;
        }
        NodeId id = NodeId.fromHex(peerId);
        Optional<Contact> held = routingTable.find(id);
        if (held.filter(Contact::isBrowser).isPresent()) {
            routingTable.remove(id);
        } else if (!orderly) {
            held.ifPresent(contact -> rpc.request(contact.address(), id, requestId -> new Ping(requestId, self))
                    .whenComplete((reply, failure) -> {
                        if (failure != null) {
                            routingTable.remove(id);
                        }
                    }));
        }
    }
}
