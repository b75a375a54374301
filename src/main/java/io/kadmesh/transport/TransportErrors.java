package io.kadmesh.transport;

import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.TransportException;

/**
 * Hears every dial that failed, once, after the guard's retries, and every inbound link refused or
 * disconnected before its handshake completed: the node layer counts them in its metrics
 * ({@code kadmesh_transport_errors_total}). Called on whatever thread ended the link; must return at
 * once and never throw.
 */
@FunctionalInterface
public interface TransportErrors {

    /** Hears nothing. */
    TransportErrors NONE = (transportId, phase) -> {
    };

    /**
     * Transport {@code transportId} failed in {@code phase}: a dial, or ({@link Phase#HANDSHAKE}) an
     * inbound link.
     */
    void failed(String transportId, Phase phase);

    /** A dial failed with {@code error}, which names its transport, peer, phase and cause. */
    default void failed(TransportException error) {
        failed(error.transportId(), error.phase());
    }
}
