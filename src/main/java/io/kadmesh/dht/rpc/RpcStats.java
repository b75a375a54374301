package io.kadmesh.dht.rpc;

/**
 * Counters of one endpoint, read by health checks, metrics and benchmarks.
 *
 * @param requestsSent requests this node sent
 * @param requestsServed requests this node answered
 * @param timeouts requests that got no response in time
 * @param unreachable requests that could not be sent at all
 * @param badFrames frames that failed to decode or broke the protocol
 * @param framesShed frames dropped unread because too many of their link's frames waited to be read
 */
public record RpcStats(long requestsSent, long requestsServed, long timeouts, long unreachable, long badFrames,
        long framesShed) {
}
