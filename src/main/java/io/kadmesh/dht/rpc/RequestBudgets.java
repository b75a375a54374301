package io.kadmesh.dht.rpc;

import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

import io.kadmesh.dht.protocol.FindNode;
import io.kadmesh.dht.protocol.FindValue;
import io.kadmesh.dht.protocol.Message;
import io.kadmesh.spi.transport.PeerLink;

/**
 * The request rate of every link, against the {@link FloodLimits}: a general bucket for every
 * request and a smaller one for the lookups ({@code find_node}, {@code find_value}), which cost the
 * most to answer. Confined to the node's scheduler.
 */
final class RequestBudgets {

    private FloodLimits limits;
    private final Clock clock;
    private final Map<PeerLink, Budget> links = new IdentityHashMap<>();

    RequestBudgets(FloodLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** Spends the budget of {@code link} on {@code request}; empty when it may be answered, else why not. */
    Optional<String> spend(PeerLink link, Message request) {
        long now = clock.millis();
        Budget budget = budgetOf(link, now);
        if (!budget.all.take(now)) {
            return Optional.of("over " + limits.requestsPerSecond() + " requests per second on this link");
        }
        boolean lookup = request instanceof FindNode || request instanceof FindValue;
        if (lookup && !budget.lookups.take(now)) {
            return Optional.of("over " + limits.findNodesPerSecond() + " find_node and find_value requests per second"
                    + " on this link");
        }
        return Optional.empty();
    }

    /**
     * Counts one refusal (a request over its budget, or a frame shed because too many of the link's
     * wait) against {@code link}'s patience; true when it ran out: the link was refused
     * more than the general request limit allows in requests, a burst of a second's worth and as many a
     * second after it. An honest peer that overshoots for a moment stays; a peer that floods far
     * beyond the limit (tens of thousands of requests a second) runs out within a fraction of a second.
     */
    boolean outOfPatience(PeerLink link) {
        long now = clock.millis();
        return !budgetOf(link, now).patience.take(now);
    }

    private Budget budgetOf(PeerLink link, long now) {
        return links.computeIfAbsent(link, ignored -> new Budget(new TokenBucket(limits.requestsPerSecond(), now),
                new TokenBucket(limits.findNodesPerSecond(), now), new TokenBucket(limits.requestsPerSecond(), now)));
    }

    /**
     * Allows {@code findNodesPerSecond} lookups per second on every link from now on; each link's
     * lookup budget starts full at the new rate.
     */
    void retuneLookups(int findNodesPerSecond) {
        limits = new FloodLimits(limits.requestsPerSecond(), findNodesPerSecond, limits.maxQueuedFrames());
        long now = clock.millis();
        links.replaceAll((link, budget) -> new Budget(budget.all, new TokenBucket(findNodesPerSecond, now),
                budget.patience));
    }

    void forget(PeerLink link) {
        links.remove(link);
    }

    private record Budget(TokenBucket all, TokenBucket lookups, TokenBucket patience) {
    }
}
