package io.kadmesh.bootstrap;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.kadmesh.dht.Contact;
import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Transport;

/**
 * Registers with a bootstrap over its {@code /bootstrap} WebSocket, and leaves it: one short-lived
 * link per exchange, dialed through the node's guarded transports, so a failure is reported with the
 * transport's full detail (DNS, refused, TLS, or the HTTP status, body and likely cause of a rejected
 * upgrade).
 */
public final class BootstrapClient {

    private final Transport transport;
    private final Duration timeout;

    public BootstrapClient(Transport transport, Duration timeout) {
        this.transport = transport;
        this.timeout = timeout;
    }

    /** Registers at {@code url}; completes with the peers the bootstrap introduced. */
    public CompletableFuture<List<Contact>> register(String url, BootstrapMessages.Register register) {
        return exchange(url, BootstrapMessages.register(register), "registered")
                .thenApply(BootstrapMessages::parseIntroductions);
    }

    /** Tells the bootstrap at {@code url} that the node leaves; completes with whether it was registered there. */
    public CompletableFuture<Boolean> leave(String url, BootstrapMessages.Leave leave) {
        return exchange(url, BootstrapMessages.leave(leave), "left").thenApply(BootstrapMessages::parseLeft);
    }

    /** Sends one frame on a fresh link and completes with the answer; closes the link either way. */
    private CompletableFuture<String> exchange(String url, String frame, String closeReason) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        return transport.dial(url, new Answer(answer)).toCompletableFuture().thenCompose(link -> {
            link.send(frame);
            return answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((reply, failure) -> link.close(CloseCodes.NORMAL_CLOSURE, closeReason));
        });
    }

    /** Completes with the first frame of the link, or fails if it closes first. */
    private record Answer(CompletableFuture<String> answer) implements LinkHandler {
        @Override
        public void onOpen(PeerLink link) {
        }

        @Override
        public void onFrame(PeerLink link, String frame) {
            answer.complete(frame);
        }

        @Override
        public void onClose(PeerLink link, int code, String reason) {
            answer.completeExceptionally(new IllegalStateException(
                    "bootstrap closed the link before answering: " + code + " " + reason));
        }
    }
}
