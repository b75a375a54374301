package io.kadmesh.bootstrap;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import io.kadmesh.dht.Contact;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Transport;

/**
 * Registers with a bootstrap over its {@code /bootstrap} WebSocket, and leaves it: one short-lived
 * link per exchange, dialed through the node's guarded transports, so a failure is reported with the
 * transport's full detail. On every link the bootstrap speaks first, with a challenge; this node signs
 * its request over it with its key, and accepts introductions only when the bootstrap signed them over
 * this node's own nonce, and, when the URL pins an id, only from that id.
 */
public final class BootstrapClient {

    private final Transport transport;
    private final NodeIdentity identity;
    private final RandomGenerator random;
    private final Duration timeout;

    /** A client signing as {@code identity}, with nonces from {@code random} (a SecureRandom in a live node). */
    public BootstrapClient(Transport transport, NodeIdentity identity, RandomGenerator random, Duration timeout) {
        this.transport = transport;
        this.identity = identity;
        this.random = random;
        this.timeout = timeout;
    }

    /** Registers at {@code url} reporting {@code status}; completes with the peers the bootstrap introduced. */
    public CompletableFuture<List<Contact>> register(BootstrapUrl url, BootstrapMessages.Status status) {
        if (!status.contact().id().equals(identity.id())) {
            throw new IllegalArgumentException("a node registers only itself");
        }
        byte[] nonce = new byte[BootstrapMessages.NONCE_BYTES];
        random.nextBytes(nonce);
        return exchange(url, challenge -> BootstrapMessages.register(BootstrapMessages.Register.signedBy(identity,
                status, challenge, nonce)), "registered", (challenge, frame) -> {
                    BootstrapMessages.Introductions introductions = BootstrapMessages.parseIntroductions(frame);
                    if (!introductions.isSignedByTheBootstrap(challenge, identity.id(), nonce)) {
                        throw new IllegalArgumentException("introductions from " + url.address()
                                + " are not signed by the bootstrap's key over this node's nonce");
                    }
                    return introductions.peers();
                });
    }

    /** Tells the bootstrap at {@code url} that the node leaves; completes with whether it was registered there. */
    public CompletableFuture<Boolean> leave(BootstrapUrl url) {
        return exchange(url, challenge -> BootstrapMessages.leave(BootstrapMessages.Leave.signedBy(identity, challenge)),
                "left", (challenge, frame) -> BootstrapMessages.parseLeft(frame));
    }

    /** What to make of the answer, knowing the link's challenge. */
    private interface AnswerReader<T> {
        T read(BootstrapMessages.Challenge challenge, String frame);
    }

    /**
     * Opens a link, reads the challenge, checks the bootstrap's id against the pin, sends the request
     * built on it, and reads the answer; closes the link either way.
     */
    private <T> CompletableFuture<T> exchange(BootstrapUrl url, Function<BootstrapMessages.Challenge, String> request,
            String closeReason, AnswerReader<T> reader) {
        Frames frames = new Frames();
        return transport.dial(url.address(), frames).toCompletableFuture().thenCompose(link -> {
            CompletableFuture<T> answer = frames.next().thenCompose(first -> {
                BootstrapMessages.Challenge challenge = BootstrapMessages.parseChallenge(first);
                url.pinnedId().filter(pinned -> !pinned.equals(challenge.bootstrapId())).ifPresent(pinned -> {
                    throw new IllegalArgumentException("the bootstrap at " + url.address() + " proves id "
                            + challenge.bootstrapId() + ", but kadmesh.bootstrap.urls pins " + pinned);
                });
                link.send(request.apply(challenge));
                return frames.next().thenApply(frame -> reader.read(challenge, frame));
            });
            return answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((reply, failure) -> link.close(CloseCodes.NORMAL_CLOSURE, closeReason));
        });
    }

    /** The frames of one link in order, each as a future; a close fails the ones not yet come. */
    private static final class Frames implements LinkHandler {

        private final LinkedBlockingQueue<CompletableFuture<String>> waiting = new LinkedBlockingQueue<>();
        private final LinkedBlockingQueue<String> arrived = new LinkedBlockingQueue<>();
        private String closed;

        synchronized CompletableFuture<String> next() {
            String frame = arrived.poll();
            if (frame != null) {
                return CompletableFuture.completedFuture(frame);
            }
            if (closed != null) {
                return CompletableFuture.failedFuture(new IllegalStateException(closed));
            }
            CompletableFuture<String> future = new CompletableFuture<>();
            waiting.add(future);
            return future;
        }

        @Override
        public void onOpen(PeerLink link) {
        }

        @Override
        public void onFrame(PeerLink link, String frame) {
            CompletableFuture<String> future;
            synchronized (this) {
                future = waiting.poll();
                if (future == null) {
                    arrived.add(frame);
                    return;
                }
            }
            future.complete(frame);
        }

        @Override
        public void onClose(PeerLink link, int code, String reason) {
            synchronized (this) {
                closed = "bootstrap closed the link before answering: " + code + " " + reason;
            }
            CompletableFuture<String> future;
            while ((future = waiting.poll()) != null) {
                future.completeExceptionally(new IllegalStateException(closed));
            }
        }
    }
}
