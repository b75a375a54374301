package io.kadmesh.transport;

import io.kadmesh.spi.transport.Phase;

/**
 * Hears every dial that failed, once, after the guard's retries: the node layer counts them in its
 * metrics ({@code kadmesh_transport_errors_total}). Called on whatever thread ended the dial; must
 * return at once and never throw.
 */
@FunctionalInterface
public interface TransportErrors {

    /** Hears nothing. */
    TransportErrors NONE = (transportId, phase) -> {
    };

    /** A dial on transport {@code transportId} failed in {@code phase}. */
    void dialFailed(String transportId, Phase phase);
}
