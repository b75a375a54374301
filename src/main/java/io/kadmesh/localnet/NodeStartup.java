package io.kadmesh.localnet;

/**
 * When one node became reachable and ready, as a readiness wait observed it (to the resolution of
 * its polling, tens of milliseconds).
 *
 * @param node the node
 * @param listeningNanos {@link System#nanoTime()} when its port first accepted a TCP connection
 * @param readyNanos {@link System#nanoTime()} when {@code /q/health/ready} first answered 200
 */
public record NodeStartup(NodeProcess node, long listeningNanos, long readyNanos) {

    /** Milliseconds from its port accepting connections to its first ready answer. */
    public double readyAfterListenMs() {
        return (readyNanos - listeningNanos) / 1e6;
    }

    /** Milliseconds from its process starting to its first ready answer. */
    public double readyAfterStartMs() {
        return (readyNanos - node.startedNanos()) / 1e6;
    }
}
