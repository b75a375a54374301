package io.kadmesh.dht.node;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.rpc.RpcEndpoint;
import io.kadmesh.dht.rpc.RpcException;

/**
 * The periodic liveness checks of silent contacts: a ping each, and a verdict only a dial can give.
 * <ul>
 * <li>A contact whose address cannot be dialed (refused, no such host, a handshake that fails)
 * leaves the table, or the replacement cache it waits in, at once.</li>
 * <li>A ping unanswered over an open link proves nothing (a half-open link to a vanished host, or a
 * peer busy for a moment): the link is dropped and the contact pinged again on a fresh dial, which
 * gives the verdict.</li>
 * <li>A ping unanswered over a fresh dial only counts against the contact, as every silence does: a
 * node still starting, or a loaded machine, is not struck out by one slow dial.</li>
 * </ul>
 * Checks over an open link run at once; checks that must dial run at most {@link #PARALLEL} at a
 * time, and the link a check dialed is closed once it is done unless the node holds no more than its
 * minimum, so checking every silent contact leaves the link count where it was, on this node and on
 * the one checked, and raises it by at most {@link #PARALLEL} for one ping's round trip. A contact already waiting for its
 * check is not queued
 * twice. Confined to the node's scheduler.
 */
final class LivenessChecks {

    /** Most checks that dial under way at once. */
    static final int PARALLEL = 4;

    private final Peers peers;
    private final RpcEndpoint rpc;
    private final LinkBalancer linkBalancer;
    private final Queue<Contact> waiting = new ArrayDeque<>();
    private final Set<NodeId> queued = new HashSet<>();
    private int dialing;

    LivenessChecks(Peers peers, RpcEndpoint rpc, LinkBalancer linkBalancer) {
        this.peers = peers;
        this.rpc = rpc;
        this.linkBalancer = linkBalancer;
    }

    /** Checks {@code contact}: now if a link to it is open, else once a dialing slot is free. */
    void check(Contact contact) {
        if (!queued.add(contact.id())) {
            return;
        }
        if (rpc.linkControls().hasLinkTo(contact.id(), contact.address())) {
            verdict(contact).whenComplete((ignored, failure) -> queued.remove(contact.id()));
        } else {
            waiting.add(contact);
            dialNext();
        }
    }

    private void dialNext() {
        while (dialing < PARALLEL && !waiting.isEmpty()) {
            Contact contact = waiting.remove();
            dialing++;
            verdict(contact).whenComplete((ignored, failure) -> {
                dialing--;
                queued.remove(contact.id());
                linkBalancer.releaseSurplus(contact);
                dialNext();
            });
        }
    }

    private CompletableFuture<Void> verdict(Contact contact) {
        boolean linked = rpc.linkControls().hasLinkTo(contact.id(), contact.address());
        return peers.pingFailure(contact).thenCompose(failure -> {
            if (linked && RpcException.is(failure, RpcException.Kind.TIMEOUT)) {
                rpc.linkControls().drop(contact.id(), contact.address(), "no answer to a liveness check");
                return peers.pingFailure(contact);
            }
            return CompletableFuture.completedFuture(failure);
        }).thenAccept(failure -> {
            if (RpcException.isDialFailure(failure)) {
                peers.forget(contact);
            }
        });
    }
}
