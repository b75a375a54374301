package io.kadmesh.dht.node;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.Scheduler;
import io.kadmesh.dht.routing.RoutingTable;

/** What a bootstrap node tells a newcomer about the network, from its routing table. */
public final class Introductions {

    private final Contact self;
    private final int k;
    private final RoutingTable routingTable;
    private final Scheduler scheduler;
    private final RandomGenerator random;

    Introductions(Contact self, int k, RoutingTable routingTable, Scheduler scheduler, RandomGenerator random) {
        this.self = self;
        this.k = k;
        this.routingTable = routingTable;
        this.scheduler = scheduler;
        this.random = random;
    }

    /**
     * The k contacts closest to {@code newcomer}, {@code extra} random others, and this node, never
     * the newcomer itself. Callable from any thread.
     */
    public CompletableFuture<List<Contact>> forNewcomer(NodeId newcomer, int extra) {
        return scheduler.call(() -> {
            List<Contact> peers = new ArrayList<>(routingTable.closest(newcomer, k));
            List<Contact> all = routingTable.contacts();
            for (int i = 0; i < extra && !all.isEmpty(); i++) {
                Contact pick = all.get(random.nextInt(all.size()));
                if (!peers.contains(pick)) {
                    peers.add(pick);
                }
            }
            peers.add(self);
            peers.removeIf(contact -> contact.id().equals(newcomer));
            return CompletableFuture.completedFuture(peers);
        });
    }
}
