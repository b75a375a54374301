package io.kadmesh.spi.transport;

import java.util.Objects;

/**
 * Whether a transport can work on this machine, and if not, why not; {@code off} when it was switched
 * off by configuration rather than failed.
 */
public record TransportStatus(boolean available, boolean off, String reason) {

    /** A transport that works. */
    public static final TransportStatus AVAILABLE = new TransportStatus(true, false, "available");

    public TransportStatus {
        Objects.requireNonNull(reason, "reason must be set");
        if (available && off) {
            throw new IllegalArgumentException("a transport switched off is not available");
        }
    }

    /** A transport that cannot work here, for {@code reason}. */
    public static TransportStatus unavailable(String reason) {
        return new TransportStatus(false, false, reason);
    }

    /** A transport switched off by configuration, as {@code reason} says. */
    public static TransportStatus switchedOff(String reason) {
        return new TransportStatus(false, true, reason);
    }
}
