package io.kadmesh.dht.rpc;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.kadmesh.dht.Scheduler;
import io.kadmesh.dht.protocol.Message;
import io.kadmesh.spi.transport.PeerLink;

/**
 * A request sent and not yet answered: where it went, the frame (to send again on another link to the
 * same peer if its link is closed as a duplicate), the link it went out on, who waits, and its timeout.
 */
final class PendingRequest {

    final String address;
    String peerId;
    final String frame;
    /** The request's wire type, such as {@code find_node}. */
    final String type;
    /** When it was first sent, by the endpoint's clock. */
    final Instant sentAt;
    final CompletableFuture<Message> response = new CompletableFuture<>();
    Scheduler.Timer timeout;
    PeerLink link;
    /** How many times the request was sent again after its link closed under it. */
    int resends;

    PendingRequest(String address, String peerId, String frame, String type, Instant sentAt) {
        this.address = address;
        this.peerId = peerId;
        this.frame = frame;
        this.type = type;
        this.sentAt = sentAt;
    }

    /** Whether {@code arrivedOn} may carry this request's response. */
    boolean answerableOn(PeerLink arrivedOn) {
        return arrivedOn == link || peerId != null && arrivedOn.peerId().filter(peerId::equals).isPresent();
    }

    void complete(Message message) {
        timeout.cancel();
        response.complete(message);
    }

    void fail(RpcException cause) {
        timeout.cancel();
        response.completeExceptionally(cause);
    }
}
