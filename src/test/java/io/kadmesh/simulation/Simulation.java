package io.kadmesh.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeContext;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.Scheduler;
import io.kadmesh.dht.lookup.LookupResult;
import io.kadmesh.dht.maintenance.MaintenanceIntervals;
import io.kadmesh.dht.node.DhtNode;

/**
 * A whole Kademlia network in one JVM: real {@link DhtNode}s, real frames through the codec, over an
 * {@link InMemoryNetwork} in virtual time. Deterministic for a given seed. Used by the simulation
 * tests, the simulation benchmark and the {@code simulate} command.
 */
public final class Simulation {

    /** How long one operation may take in virtual time before the simulation gives up on it. */
    private static final Duration OPERATION_DEADLINE = Duration.ofMinutes(5);

    private final KademliaParameters parameters;
    private final MaintenanceIntervals intervals;
    private final SplittableRandom random;
    private final SimulatedTime time = new SimulatedTime();
    private final InMemoryNetwork network;
    private final List<DhtNode> nodes = new ArrayList<>();
    private final List<DhtNode> live = new ArrayList<>();
    /** Each live node's link upkeep, when links are kept within bounds. */
    private final Map<DhtNode, Scheduler.Timer> linkUpkeeps = new IdentityHashMap<>();
    private LinkBounds linkBounds;

    /** An empty network whose nodes use {@code parameters}; {@code seed} fixes every random choice. */
    public Simulation(KademliaParameters parameters, MaintenanceIntervals intervals, long seed) {
        this.parameters = parameters;
        this.intervals = intervals;
        this.random = new SplittableRandom(seed);
        this.network = new InMemoryNetwork(time, random.split());
    }

    /**
     * Keeps the links of every node started from now on within {@code bounds}, as a live node does.
     * Unless this is called, nodes keep every link they open, which suits tests of a few dozen nodes
     * but not networks of thousands.
     */
    public void keepLinksWithin(LinkBounds bounds) {
        this.linkBounds = bounds;
    }

    /**
     * Starts {@code count} nodes and joins each through the first one, the seed, one every
     * {@code joinSpacing} of virtual time, so that joins overlap as in a real start-up. Returns how
     * many joins failed.
     */
    public int join(int count, Duration joinSpacing) {
        List<CompletableFuture<Contact>> joins = new ArrayList<>();
        DhtNode seed = nodes.isEmpty() ? startNode() : nodes.get(0);
        for (int i = 0; i < count - 1; i++) {
            DhtNode node = startNode();
            joins.add(node.join(seed.contact().address()));
            time.runFor(joinSpacing);
        }
        awaitAll(joins);
        return (int) joins.stream().filter(CompletableFuture::isCompletedExceptionally).count();
    }

    private DhtNode startNode() {
        String address = InMemoryNetwork.address(nodes.size());
        Contact contact = new Contact(NodeId.random(random), address);
        NodeContext context = new NodeContext(time, time, random.split());
        DhtNode node = new DhtNode(contact, parameters, intervals, network.transport(address), context,
                InMemoryNetwork.ADDRESSES);
        node.start();
        if (linkBounds != null) {
            linkUpkeeps.put(node, linkBounds.keep(node, time));
        }
        nodes.add(node);
        live.add(node);
        return node;
    }

    /** Looks up {@code target} from {@code from} and checks the answer against every live id. */
    public LookupOutcome lookup(DhtNode from, NodeId target) {
        Instant started = time.instant();
        CompletableFuture<LookupResult> lookup = from.findNode(target);
        if (!time.runUntil(lookup::isDone, OPERATION_DEADLINE) || lookup.isCompletedExceptionally()) {
            return new LookupOutcome(false, 0, 0, OPERATION_DEADLINE);
        }
        LookupResult result = lookup.join();
        List<NodeId> found = result.closest().stream().map(Contact::id).toList();
        return new LookupOutcome(found.equals(trueClosest(target)), result.hops(), result.queries(),
                Duration.between(started, time.instant()));
    }

    /**
     * The k live ids nearest to {@code target}, nearest first: what a lookup must return. One pass over
     * the live nodes, keeping the k nearest so far in order, rather than a sort of them all per lookup.
     */
    public List<NodeId> trueClosest(NodeId target) {
        NodeId[] nearest = new NodeId[Math.min(parameters.k(), live.size())];
        if (nearest.length == 0) {
            return List.of();
        }
        int kept = 0;
        for (DhtNode node : live) {
            NodeId id = node.id();
            if (kept == nearest.length && target.compareDistance(id, nearest[kept - 1]) >= 0) {
                continue;
            }
            int position = kept == nearest.length ? kept - 1 : kept++;
            while (position > 0 && target.compareDistance(id, nearest[position - 1]) < 0) {
                nearest[position] = nearest[position - 1];
                position--;
            }
            nearest[position] = id;
        }
        return List.of(nearest);
    }

    /** Runs {@code count} lookups of random ids, each from a random live node, one after another. */
    public List<LookupOutcome> randomLookups(int count) {
        List<LookupOutcome> outcomes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            DhtNode from = live.get(random.nextInt(live.size()));
            outcomes.add(lookup(from, NodeId.random(random)));
        }
        return outcomes;
    }

    /**
     * Crashes a random {@code fraction} of the live nodes, never the seed: they fall silent at once,
     * without closing their links, as a killed process behind a dead network would.
     */
    public List<DhtNode> crash(double fraction) {
        int count = (int) Math.round(live.size() * fraction);
        List<DhtNode> crashed = new ArrayList<>(count);
        while (crashed.size() < count) {
            DhtNode node = live.get(1 + random.nextInt(live.size() - 1));
            crash(node);
            crashed.add(node);
        }
        return crashed;
    }

    /** Crashes {@code node}: it falls silent at once and its maintenance stops. */
    public void crash(DhtNode node) {
        if (live.remove(node)) {
            Scheduler.Timer upkeep = linkUpkeeps.remove(node);
            if (upkeep != null) {
                upkeep.cancel();
            }
            network.fail(node.contact().address());
            node.stop();
        }
    }

    /** Lets {@code duration} of virtual time pass, with every node's maintenance running. */
    public void runFor(Duration duration) {
        time.runFor(duration);
    }

    /**
     * Runs the simulation until {@code future} completes and returns its value; fails if it does not
     * complete within the operation deadline of virtual time, or completed exceptionally.
     */
    public <T> T await(CompletableFuture<T> future) {
        if (!time.runUntil(future::isDone, OPERATION_DEADLINE)) {
            throw new IllegalStateException("not done after " + OPERATION_DEADLINE + " of simulated time");
        }
        return future.join();
    }

    /**
     * Runs until every one of {@code futures} is done. The condition is checked after every event, so
     * it resumes where it stopped: a future once done stays done, and rescanning the thousands that
     * are would cost each event a pass over the whole list.
     */
    private void awaitAll(List<? extends CompletableFuture<?>> futures) {
        int[] firstPending = { 0 };
        time.runUntil(() -> {
            while (firstPending[0] < futures.size() && futures.get(firstPending[0]).isDone()) {
                firstPending[0]++;
            }
            return firstPending[0] == futures.size();
        }, OPERATION_DEADLINE);
    }

    /** The nodes still running. */
    public List<DhtNode> liveNodes() {
        return List.copyOf(live);
    }

    /** The simulated clock and event loop. */
    public SimulatedTime time() {
        return time;
    }

    /** The network between the nodes. */
    public InMemoryNetwork network() {
        return network;
    }

    /**
     * One lookup's result against the truth.
     *
     * @param correct whether it returned exactly the k closest live ids, in order
     * @param hops the longest chain of queries it made
     * @param queries how many queries it sent to other nodes
     * @param duration how long it took in virtual time
     */
    public record LookupOutcome(boolean correct, int hops, int queries, Duration duration) {
    }
}
