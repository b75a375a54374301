package io.kadmesh.dht.rpc;

import java.util.Optional;

import io.kadmesh.dht.protocol.ErrorReply;
import io.kadmesh.spi.transport.Failures;
import io.kadmesh.spi.transport.Phase;
import io.kadmesh.spi.transport.TransportException;

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
    private final transient ErrorReply reply;

    public RpcException(Kind kind, String address, String detail, Throwable cause) {
        this(kind, address, detail, cause, null);
    }

    private RpcException(Kind kind, String address, String detail, Throwable cause, ErrorReply reply) {
        super(kind.name().toLowerCase() + " from " + address + ": " + detail, cause);
        this.kind = kind;
        this.address = address;
        this.reply = reply;
    }

    /** The peer at {@code address} answered with the error {@code reply}. */
    public static RpcException answered(String address, ErrorReply reply) {
        return new RpcException(Kind.REMOTE_ERROR, address, reply.code().wireName() + ": " + reply.message(), null,
                reply);
    }

    /** The error reply the peer answered with, when it did. */
    public Optional<ErrorReply> reply() {
        return Optional.ofNullable(reply);
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    /** The peer's address. */
    public String address() {
        return address;
    }

    /**
     * Whether {@code failure} (a request's failure, perhaps wrapped) is a dial that failed in one of
     * its phases: the address could not be reached at all (refused, no such host, a handshake that
     * failed), which a slow answer, a send on a closing link or a request not sent does not prove.
     */
    public static boolean isDialFailure(Throwable failure) {
        return failure != null && Failures.cause(failure) instanceof RpcException rpc && rpc.kind == Kind.UNREACHABLE
                && Failures.cause(rpc.getCause()) instanceof TransportException dial && dial.phase() != Phase.SEND;
    }

    /** Whether {@code failure} (a request's failure, perhaps wrapped) is an {@code RpcException} of {@code kind}. */
    public static boolean is(Throwable failure, Kind kind) {
        return failure != null && Failures.cause(failure) instanceof RpcException rpc && rpc.kind == kind;
    }
}
