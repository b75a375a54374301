package io.kadmesh.dht.node;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.protocol.ErrorCode;
import io.kadmesh.dht.protocol.ErrorReply;
import io.kadmesh.dht.protocol.Message;
import io.kadmesh.dht.protocol.ServiceName;
import io.kadmesh.dht.protocol.ServiceReply;
import io.kadmesh.dht.protocol.ServiceRequest;
import io.kadmesh.dht.rpc.RpcException;
import io.kadmesh.spi.transport.Failures;

/** The services this node offers, by name, and how a request to one is answered. */
final class Services {

    private final Contact self;
    private final Map<String, ServiceHandler> handlers = new ConcurrentHashMap<>();

    Services(Contact self) {
        this.self = self;
    }

    void offer(String name, ServiceHandler handler) {
        if (!ServiceName.isValid(name)) {
            throw new IllegalArgumentException("a service name is 1.." + ServiceName.MAX_LENGTH
                    + " characters of a-z, 0-9, '_' and '-', got '" + name + "'");
        }
        if (handlers.putIfAbsent(name, handler) != null) {
            throw new IllegalStateException("service '" + name + "' is offered already");
        }
    }

    /** A peer's error reply to a service request as a {@link ServiceRefusedException}; any other failure as it is. */
    static Throwable refusal(Contact peer, Throwable failure) {
        Throwable cause = Failures.cause(failure);
        if (cause instanceof RpcException rpc && rpc.reply().isPresent()) {
            ErrorReply reply = rpc.reply().get();
            return new ServiceRefusedException(reply.code(), "node " + peer.id() + " refused: " + reply.message());
        }
        return cause;
    }

    /** The service's reply to {@code request}, or the error reply saying why there is none. */
    Message answer(ServiceRequest request) {
        ServiceHandler handler = handlers.get(request.service());
        if (handler == null) {
            return ErrorReply.answering(request, self, ErrorCode.REFUSED,
                    "this node offers no service '" + request.service() + "'");
        }
        try {
            return new ServiceReply(request.requestId(), self, handler.answer(request.sender(), request.body()));
        } catch (ServiceRefusedException refused) {
            return ErrorReply.answering(request, self, refused.code(), refused.getMessage());
        }
    }
}
