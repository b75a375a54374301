package io.kadmesh.dht.rpc;

/**
 * What one link may ask of a node, so that a flood on one link cannot starve the others.
 *
 * @param requestsPerSecond requests of any type one link may send per second, on average; a burst of
 *        one second's worth is allowed; beyond, requests are answered {@code rate_limited}
 * @param findNodesPerSecond {@code find_node} and {@code find_value} requests one link may send per
 *        second, on average, within the general limit; a burst of one second's worth is allowed
 * @param maxQueuedFrames frames of one link that may wait for the node's event loop, which reads the
 *        links that have frames waiting in turn; a frame beyond is answered {@code rate_limited} at
 *        once, without being read
 */
public record FloodLimits(int requestsPerSecond, int findNodesPerSecond, int maxQueuedFrames) {

    /** The defaults of {@code kadmesh.dht.request-rate-limit}, {@code .find-node-rate-limit}, {@code .max-queued-frames}. */
    public static final FloodLimits DEFAULTS = new FloodLimits(2000, 500, 64);

    /** Checks that every limit is at least 1. */
    public FloodLimits {
        positive(requestsPerSecond, "requestsPerSecond");
        positive(findNodesPerSecond, "findNodesPerSecond");
        positive(maxQueuedFrames, "maxQueuedFrames");
    }

    private static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }
}
