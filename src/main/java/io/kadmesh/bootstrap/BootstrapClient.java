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
 * Registers with a bootstrap over its {@code /bootstrap} WebSocket: one short-lived link per
 * registration, dialed through the node's guarded transports, so a failure is reported with the
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
        CompletableFuture<String> answer = new CompletableFuture<>();
        return transport.dial(url, new Answer(answer)).toCompletableFuture().thenCompose(link -> {
            link.send(BootstrapMessages.register(register));
            return answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((frame, failure) -> link.close(CloseCodes.NORMAL_CLOSURE, "registered"));
        }).thenApply(BootstrapMessages::parseIntroductions);
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
