package io.kadmesh.dht.node;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.Scheduler;
import io.kadmesh.dht.routing.RoutingTable;
import io.kadmesh.dht.rpc.LinkInfo;
import io.kadmesh.dht.rpc.RpcEndpoint;

/**
 * Keeps the number of a node's open links within bounds: links to its closest contacts when it has
 * too few, the links least useful to its routing table closed when it has too many.
 */
public final class LinkBalancer {

    private final Contact self;
    private final int k;
    private final RoutingTable routingTable;
    private final RpcEndpoint rpc;
    private final Peers peers;
    private final Runnable lookUpSelf;
    private final Scheduler scheduler;
    private int min;

    LinkBalancer(Contact self, int k, RoutingTable routingTable, RpcEndpoint rpc, Peers peers, Runnable lookUpSelf,
            Scheduler scheduler) {
        this.self = self;
        this.k = k;
        this.routingTable = routingTable;
        this.rpc = rpc;
        this.peers = peers;
        this.lookUpSelf = lookUpSelf;
        this.scheduler = scheduler;
    }

    /**
     * Keeps the number of open links within {@code [min, max]}: below the minimum it pings the
     * closest contacts it has no link to, and looks up its own id to discover more when it knows too
     * few; above the maximum it closes links open for {@code idleBeforeTrim} with nothing in flight,
     * idle ones and inbound ones kept busy by their peers, keeping those to peers in the routing table
     * and the long-lived longest (see {@code LinkTrimmer}).
     * Completes with the number of links open when it ran. Callable from any thread.
     */
    public CompletableFuture<Integer> balance(int min, int max, Duration idleBeforeTrim) {
        return scheduler.call(() -> {
            this.min = min;
            int open = rpc.linkControls().nodeLinkCount();
            if (open < min) {
                linkMore(min - open, open);
            } else if (open > max) {
                rpc.linkControls().trim(max, idleBeforeTrim, routingTable::contains);
            }
            return CompletableFuture.completedFuture(open);
        });
    }

    /**
     * Closes the link to {@code contact}, opened for one liveness check, unless the node holds no more
     * than the last minimum it was balanced to. The check's link has served its purpose; kept, such
     * links would settle every node at its maximum, where the checks other nodes dial to it push it
     * beyond. A browser's link is never released: the browser opened it, and it is its only way in.
     * Call on the scheduler.
     */
    void releaseSurplus(Contact contact) {
        if (!contact.isBrowser() && rpc.linkControls().nodeLinkCount() > min) {
            rpc.linkControls().release(contact.id(), contact.address(), "liveness check done");
        }
    }

    private void linkMore(int missing, int open) {
        List<String> linked = rpc.linkControls().list().stream().map(LinkInfo::peer).toList();
        List<Contact> unlinked = routingTable.closest(self.id(), k).stream()
                .filter(contact -> !linked.contains(contact.id().toHex())).limit(missing).toList();
        unlinked.forEach(peers::check);
        if (unlinked.size() < missing && open > 0) {
            lookUpSelf.run();
        }
    }
}
