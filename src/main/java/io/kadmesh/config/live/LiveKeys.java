package io.kadmesh.config.live;

import java.time.Duration;

/**
 * The live settings a commit of the config repository may set, all under {@code kadmesh.}: the only
 * keys its files may hold. Read by a fresh SmallRye config build per commit ({@link SettingsCheck}),
 * never by the application's own config. Documented in {@code config-repo/README.md}.
 */
public interface LiveKeys {

    /**
     * {@code kadmesh.profile}: the profile layered over {@code node.properties}, the file
     * {@code profiles/<name>.properties}; {@code default} needs no file. Only {@code node.properties}
     * and {@code nodes/<name>.properties} may choose it.
     */
    String profile();

    /** Protocol timing. */
    Dht dht();

    /** Link targets. */
    Connections connections();

    /** Metrics. */
    Metrics metrics();

    /** {@code kadmesh.dht.*}. */
    interface Dht {
        /**
         * {@code ping-interval}: every half of it, contacts silent for half of it are pinged, and one that
         * cannot be reached leaves the routing table. At least 1 s.
         */
        Duration pingInterval();

        /** {@code refresh-interval}: a bucket not looked up for this long is refreshed. At least 1 s. */
        Duration refreshInterval();

        /** {@code stale-cleanup-interval}: how often expired records are dropped. At least 1 s. */
        Duration staleCleanupInterval();

        /**
         * {@code find-node-rate-limit}: find_node and find_value requests one link may send per second, with
         * a burst of one second's worth; beyond, they are answered {@code rate_limited}. At least 1.
         */
        int findNodeRateLimit();
    }

    /** {@code kadmesh.connections.*}. */
    interface Connections {
        /** {@code min}: fewest open links a ready node holds; below it, it dials. At least 1, at most max. */
        int min();

        /** {@code max}: most open links a node keeps; beyond it, it closes the least useful. */
        int max();
    }

    /** {@code kadmesh.metrics.*}. */
    interface Metrics {
        /** {@code enabled}: whether the node records data-transfer metrics. */
        boolean enabled();
    }
}
