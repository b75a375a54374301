package io.kadmesh.localnet;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** What {@code kadmesh local-network} prints: where each node is, and what to try on them. */
public final class NetworkGuide {

    /** A target id to look up in the examples. */
    static final String SAMPLE_TARGET = "0123456789abcdef0123456789abcdef01234567";

    private NetworkGuide() {
    }

    /** One line about one node: name, pid, REST URL, WebSocket URL, log file. */
    public static String describe(NodeSpec spec, long pid) {
        Objects.requireNonNull(spec, "spec must be set");
        return String.format(Locale.ROOT, "%-10s pid %-8d REST %-24s WebSocket %-30s log %s", spec.name(), pid,
                spec.restUrl(), spec.advertisedUrl(), spec.logFile());
    }

    /** Commands to try against {@code node} and the {@code bootstrap}, one per line. */
    public static List<String> tryThis(NodeSpec bootstrap, NodeSpec node) {
        Objects.requireNonNull(bootstrap, "bootstrap must be set");
        Objects.requireNonNull(node, "node must be set");
        String rest = node.restUrl();
        return List.of("curl -s " + rest + "/api/node",
                "curl -s -X POST -H 'Content-Type: application/json' -d '{\"target\":\"" + SAMPLE_TARGET + "\"}' "
                        + rest + "/api/dht/find-node",
                "curl -s -X PUT -H 'Content-Type: application/json' -d '{\"value\":{\"hello\":\"kadmesh\"}}' " + rest
                        + "/api/dht/values/greeting",
                "curl -s " + bootstrap.restUrl() + "/api/dht/values/greeting",
                "curl -s -i " + rest + "/q/health/ready",
                "curl -s " + bootstrap.restUrl() + "/api/network/health",
                "kill -9 <pid>   # then watch the others stay ready: " + bootstrap.restUrl() + "/api/network/health");
    }
}
