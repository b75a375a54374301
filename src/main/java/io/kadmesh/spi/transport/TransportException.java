package io.kadmesh.spi.transport;

/**
 * A failure to reach or talk to a peer. It names the transport, the peer, the phase that failed and
 * the cause, so an operator can tell a wrong address from a dead peer from a broken proxy.
 */
public class TransportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String transportId;
    private final String peer;
    private final Phase phase;
    private final String detail;

    public TransportException(String transportId, String peer, Phase phase, String detail, Throwable cause) {
        super(transportId + " " + phase.name().toLowerCase() + " to " + peer + " failed: " + detail, cause);
        this.transportId = transportId;
        this.peer = peer;
        this.phase = phase;
        this.detail = detail;
    }

    public TransportException(String transportId, String peer, Phase phase, String detail) {
        this(transportId, peer, phase, detail, null);
    }

    /** The transport that failed. */
    public String transportId() {
        return transportId;
    }

    /** The peer's address or id. */
    public String peer() {
        return peer;
    }

    /** The step that failed. */
    public Phase phase() {
        return phase;
    }

    /** What went wrong, without the transport, phase and peer the message starts with. */
    public String detail() {
        return detail;
    }
}
