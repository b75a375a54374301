package io.kadmesh.spi.transport;

import java.util.Objects;

/** Whether a transport can work on this machine, and if not, why not. */
public record TransportStatus(boolean available, String reason) {

    /** A transport that works. */
    public static final TransportStatus AVAILABLE = new TransportStatus(true, "available");

    public TransportStatus {
        Objects.requireNonNull(reason, "reason must be set");
    }

    /** A transport that cannot work here, for {@code reason}. */
    public static TransportStatus unavailable(String reason) {
        return new TransportStatus(false, reason);
    }
}
