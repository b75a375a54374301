package io.kadmesh.it.harness;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.kadmesh.localnet.LocalNetwork;
import io.kadmesh.localnet.NodeProcess;

/**
 * The test's view of a local network: which processes run, and their node ids, read once per
 * process from {@code /api/node} (an id does not change while a process runs).
 */
public final class NetworkView {

    private final LocalNetwork network;
    private final Map<NodeProcess, String> ids = new IdentityHashMap<>();

    /** A view of {@code network}. */
    public NetworkView(LocalNetwork network) {
        this.network = network;
    }

    /** The node id of {@code node}. */
    public synchronized String idOf(NodeProcess node) {
        return ids.computeIfAbsent(node, process -> NodeClient.of(process).node().nodeId());
    }

    /** The ids of every running member, the bootstrap included while it runs. */
    public Set<String> liveIds() {
        return network.members().stream().map(this::idOf).collect(Collectors.toSet());
    }

    /** {@code name=connections} for each of {@code nodes}, for failure messages. */
    public static String connectionCounts(List<NodeProcess> nodes) {
        return nodes.stream().map(node -> node.name() + "=" + connectionCount(node)).collect(Collectors.joining(", "));
    }

    private static String connectionCount(NodeProcess node) {
        try {
            return Integer.toString(NodeClient.of(node).node().connections().size());
        } catch (RuntimeException e) {
            return "(" + e.getMessage() + ")";
        }
    }
}
