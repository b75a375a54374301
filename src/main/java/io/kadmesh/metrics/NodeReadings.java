package io.kadmesh.metrics;

import io.kadmesh.spi.metrics.Direction;

/**
 * What the running node tells the metrics gauges: figures it keeps anyway, read from any thread.
 * The node attaches its readings to {@link GuardedMetrics} when it starts and detaches them when it
 * stops; until then the gauges read {@link #NONE}.
 */
public interface NodeReadings {

    /** No node: no links, no contacts, not ready. */
    NodeReadings NONE = new NodeReadings() {
        @Override
        public int connections(String transport, Direction direction) {
            return 0;
        }

        @Override
        public int routingTableContacts() {
            return 0;
        }

        @Override
        public boolean ready() {
            return false;
        }
    };

    /** Open links of {@code transport} accepted ({@link Direction#IN}) or dialed ({@link Direction#OUT}). */
    int connections(String transport, Direction direction);

    /** Contacts in the routing table. */
    int routingTableContacts();

    /** Whether the node is ready. */
    boolean ready();
}
