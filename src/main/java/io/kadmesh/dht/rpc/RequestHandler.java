package io.kadmesh.dht.rpc;

import io.kadmesh.dht.protocol.Message;

/** Answers the requests peers send. Runs on the node's scheduler. */
@FunctionalInterface
public interface RequestHandler {

    /** The reply to {@code request}, with the request's id. */
    Message handle(Message request);
}
