package io.kadmesh.spi.metrics;

import java.util.List;

/**
 * The node's state as a metrics plugin may read it, from any thread, whenever it is scraped: values
 * the node keeps anyway, so that reading them costs the message flow nothing. The node implements
 * this; a plugin never does. Every method answers at once and never throws.
 */
public interface NodeGauges {

    /** The ids of the node's transports, such as {@code websocket}: the values of the transport tag. */
    List<String> transports();

    /** Open links of {@code transport} that were accepted ({@link Direction#IN}) or dialed ({@link Direction#OUT}). */
    int connections(String transport, Direction direction);

    /** Contacts in the routing table now; 0 while no node runs. */
    int routingTableContacts();

    /** Whether the node is ready (joined, enough links, a recent lookup); false while no node runs. */
    boolean ready();

    /** Whether metrics are on now: switched on by config and not switched off after repeated failures. */
    boolean metricsEnabled();

    /** Calls of the metrics plugin that failed, since the node started. */
    long metricsFailures();
}
