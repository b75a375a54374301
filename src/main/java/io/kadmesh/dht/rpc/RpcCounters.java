package io.kadmesh.dht.rpc;

/** The running counts behind {@link RpcStats}; confined to the node's scheduler like the endpoint. */
final class RpcCounters {

    long requestsSent;
    long requestsServed;
    long timeouts;
    long unreachable;
    long badFrames;
    long framesShed;

    RpcStats snapshot() {
        return new RpcStats(requestsSent, requestsServed, timeouts, unreachable, badFrames, framesShed);
    }
}
