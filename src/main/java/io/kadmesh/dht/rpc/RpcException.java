package io.kadmesh.dht.rpc;

/** A request that got no usable answer: why, and from which address. */
public final class RpcException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** No response within the RPC timeout. */
        TIMEOUT,
        /** The transport could not reach the peer or send to it. */
        UNREACHABLE,
        /** The link closed before the response came. */
        CLOSED,
        /** The peer answered with an error reply. */
        REMOTE_ERROR,
        /** The node is stopping. */
        STOPPED
    }

    private final Kind kind;
    private final String address;

    public RpcException(Kind kind, String address, String detail, Throwable cause) {
        super(kind.name().toLowerCase() + " from " + address + ": " + detail, cause);
        this.kind = kind;
        this.address = address;
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    /** The peer's address. */
    public String address() {
        return address;
    }
}
