/**
 * Local networks of real node processes on loopback: each node is the packaged jar started as its
 * own JVM with lean flags, a free port and a data directory. {@link io.kadmesh.cluster.LocalCluster}
 * starts a bootstrap and nodes, waits for them to be ready, kills and restarts them;
 * {@link io.kadmesh.cluster.NodeClient} talks to a node's REST API. The {@code local-network}
 * command, the integration tests and the network benchmark all build on it.
 */
package io.kadmesh.cluster;
