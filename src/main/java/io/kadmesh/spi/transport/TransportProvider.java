package io.kadmesh.spi.transport;

import java.time.Duration;

/**
 * Makes a plugin's transport outside a running node, for tools such as {@code kadmesh diagnose}, which
 * find providers with {@link java.util.ServiceLoader}. The node itself gets its transports as CDI beans
 * and never uses this.
 */
public interface TransportProvider {

    /** The id of the transports it makes, as {@link Transport#id()} says it. */
    String id();

    /**
     * A fresh transport, switched on, whose dials give up after {@code openTimeout}; it may still report
     * itself unavailable ({@link Transport#status()}), as when a native library cannot load. Close it after
     * use.
     */
    Transport create(Duration openTimeout);
}
