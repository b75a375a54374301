package io.kadmesh.rest;

import io.kadmesh.dht.node.DhtNode;
import io.kadmesh.node.NodeRuntime;

/** The DHT node behind the REST API, or a 503 answer when this process runs none. */
final class RunningNode {

    private RunningNode() {
    }

    static DhtNode of(NodeRuntime runtime) {
        if (!runtime.isRunning()) {
            throw new NodeUnavailableException("this process runs no DHT node (kadmesh.node.enabled=false)");
        }
        return runtime.dht();
    }
}
