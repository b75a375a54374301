package io.kadmesh.it.harness;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;

import io.kadmesh.dht.NodeId;
import io.kadmesh.localnet.NodeProcess;

/**
 * Random find_node lookups from random nodes, each compared with the true k closest ids: the
 * lookup must return exactly those, nearest first.
 */
public final class LookupCheck {

    /** Nodes a lookup returns. */
    public static final int K = 20;
    private static final int REPORTED = 5;

    private LookupCheck() {
    }

    /**
     * Runs {@code lookups} lookups of random targets, each from a random node of {@code from}, and
     * describes the first few whose answer is not exactly the {@link #K} closest of {@code liveIds}, or
     * that did not ask the network (no request sent, though other nodes are live).
     *
     * @return an empty string when every lookup was exact
     */
    public static String mismatches(List<NodeProcess> from, Collection<String> liveIds, int lookups, Random random) {
        List<String> wrong = new ArrayList<>();
        int failures = 0;
        for (int i = 0; i < lookups; i++) {
            String target = NodeId.random(random).toHex();
            NodeProcess node = from.get(random.nextInt(from.size()));
            FindNodeReply reply = NodeClient.of(node).findNode(target);
            List<String> found = reply.closestIds();
            boolean asked = reply.queries() > 0 || liveIds.size() < 2;
            if (!asked || !TrueClosest.matches(found, liveIds, target, K)) {
                failures++;
                if (wrong.size() < REPORTED) {
                    wrong.add("lookup of " + target + " from " + node + " sent " + reply.queries() + " requests and found "
                            + found + ", expected " + TrueClosest.of(liveIds, target, K));
                }
            }
        }
        return failures == 0 ? "" : failures + " of " + lookups + " lookups were not exact; first: " + wrong;
    }
}
