package io.kadmesh.dht.rpc;

import java.util.concurrent.CompletableFuture;

import io.kadmesh.dht.Scheduler;
import io.kadmesh.dht.protocol.Message;

/** A request sent and not yet answered: where it went, who waits for it, and its timeout. */
record PendingRequest(String address, CompletableFuture<Message> response, Scheduler.Timer timeout) {

    void complete(Message message) {
        timeout.cancel();
        response.complete(message);
    }

    void fail(RpcException cause) {
        timeout.cancel();
        response.completeExceptionally(cause);
    }
}
