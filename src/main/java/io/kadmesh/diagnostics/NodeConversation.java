package io.kadmesh.diagnostics;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.protocol.DecodeResult;
import io.kadmesh.dht.protocol.Decoded;
import io.kadmesh.dht.protocol.ErrorReply;
import io.kadmesh.dht.protocol.MessageCodec;
import io.kadmesh.dht.protocol.Ping;
import io.kadmesh.dht.protocol.Pong;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.spi.transport.Failures;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.TransportException;
import io.kadmesh.transport.handshake.HandshakeTransport;

/**
 * The hello handshake and one ping on a node's peer endpoint, as a throwaway identity. The identity
 * introduces itself at a browser's address, {@code browser:<id>}, which nobody dials and a node forgets
 * as soon as the link closes, so the diagnosis leaves nothing behind in the node's routing table.
 */
final class NodeConversation {

    private static final MessageCodec CODEC = new MessageCodec();

    private final Endpoint endpoint;
    private final Bounds bounds;
    private final long deadline;
    private final List<StepResult> steps;

    NodeConversation(Endpoint endpoint, Bounds bounds, long deadline, List<StepResult> steps) {
        this.endpoint = endpoint;
        this.bounds = bounds;
        this.deadline = deadline;
        this.steps = steps;
    }

    /** Runs the handshake and the ping over {@code socket}, which it closes. */
    void run(ProbeSocket socket) throws StepFailure {
        NodeIdentity identity = NodeIdentity.generate();
        Contact self = Contact.browser(identity.id());
        ProbeLink link = new ProbeLink(socket, endpoint.toString());
        Replies replies = new Replies();
        try (ProbeLink.Timers timers = new ProbeLink.Timers()) {
            PeerLink verified = hello(identity, self, link, replies, timers);
            try {
                ping(verified, self, replies);
            } finally {
                verified.close(1000, "diagnosis done");
            }
        } finally {
            socket.close();
        }
    }

    private PeerLink hello(NodeIdentity identity, Contact self, ProbeLink link, Replies replies, ProbeLink.Timers timers)
            throws StepFailure {
        long start = System.nanoTime();
        int wait = bounds.waitMillis(deadline);
        HandshakeTransport handshake = new HandshakeTransport(link.transport(), identity, self.address(), timers,
                Duration.ofMillis(wait), new SecureRandom());
        try {
            PeerLink verified = handshake.dial(endpoint.toString(), replies).toCompletableFuture()
                    .get(wait + 1000L, TimeUnit.MILLISECONDS);
            steps.add(StepResult.passed(Step.HELLO, start, "node " + verified.peerId().orElse("unknown")));
            return verified;
        } catch (ExecutionException e) {
            Throwable cause = Failures.cause(e.getCause());
            String detail = cause instanceof TransportException transport ? transport.detail() : String.valueOf(cause);
            throw helloFailure(start, detail, link.framesReceived(), wait);
        } catch (TimeoutException e) {
            throw fail(Step.HELLO, start, "the handshake did not end within " + (wait + 1000) + " ms",
                    "run the diagnosis again; if it recurs, the node is overloaded");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(Step.HELLO, start, "interrupted", "run the diagnosis again");
        }
    }

    private StepFailure helloFailure(long start, String detail, int framesReceived, int wait) {
        String seconds = Bounds.seconds(Duration.ofMillis(wait));
        if (detail.contains("unsupported protocol version")) {
            String whose = detail.startsWith("peer closed") ? "the node refused this side's version "
                    + HandshakeTransport.PROTOCOL_VERSION
                    : "the node speaks another version than this side's "
                            + HandshakeTransport.PROTOCOL_VERSION;
            return fail(Step.HELLO, start, "protocol version mismatch: " + whose + " (" + detail + ")",
                    "run the same Kadmesh protocol version on both sides: upgrade the older one");
        }
        if (detail.startsWith("handshake timed out") && framesReceived == 0) {
            return fail(Step.HELLO, start, "upgrade accepted but no hello within " + seconds
                    + ": not a Kadmesh endpoint, or a protocol version mismatch",
                    "check that the URL leads to a Kadmesh node's " + Endpoint.Role.NODE.path()
                            + " and that it runs the same version");
        }
        if (detail.startsWith("handshake timed out")) {
            return fail(Step.HELLO, start, "the node began the hello but did not finish it within " + seconds,
                    "check the node's load and its log");
        }
        if (detail.startsWith("peer closed")) {
            return fail(Step.HELLO, start, "the node closed the link during the hello (" + detail + ")",
                    "read the close reason; the node's log says more");
        }
        return fail(Step.HELLO, start, "the hello is not a valid Kadmesh handshake (" + detail
                + "): not a Kadmesh node, or a faulty one", "check what answers at this URL");
    }

    private void ping(PeerLink link, Contact self, Replies replies) throws StepFailure {
        long start = System.nanoTime();
        int wait = bounds.waitMillis(deadline);
        String requestId = "diagnose-" + Long.toHexString(System.nanoTime());
        link.send(CODEC.encode(new Ping(requestId, self)));
        try {
            String frame = replies.next(requestId, wait);
            if (frame == null) {
                throw fail(Step.REQUEST, start, "no answer to a ping within " + wait
                        + " ms: the node took the link but does not answer requests (overloaded, or refusing this peer)",
                        "check the node's load and its log");
            }
            DecodeResult reply = CODEC.decode(frame);
            if (reply instanceof Decoded decoded && decoded.message() instanceof Pong) {
                steps.add(StepResult.passed(Step.REQUEST, start, "ping answered by pong"));
                return;
            }
            String what = reply instanceof Decoded decoded && decoded.message() instanceof ErrorReply error
                    ? "an error: " + error.code() + " " + error.message()
                    : "a frame that is no pong";
            throw fail(Step.REQUEST, start, "the node answered a ping with " + what, "read the node's log");
        } catch (Replies.Closed closed) {
            throw fail(Step.REQUEST, start, "the node closed the link instead of answering a ping (" + closed.getMessage()
                    + ")", "read the close reason; the node's log says more");
        }
    }

    private StepFailure fail(Step step, long start, String cause, String next) {
        steps.add(StepResult.failed(step, start, cause));
        return new StepFailure(step, cause, next);
    }

    /** The frames that arrive after the handshake, and the link's close. */
    private static final class Replies implements LinkHandler {

        private static final String CLOSED = "\u0000closed";
        private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private volatile String closeReason;

        static final class Closed extends Exception {
            private static final long serialVersionUID = 1L;

            Closed(String reason) {
                super(reason, null, false, false);
            }
        }

        @Override
        public void onOpen(PeerLink link) {
            // The handshake is done; the ping follows.
        }

        @Override
        public void onFrame(PeerLink link, String frame) {
            frames.add(frame);
        }

        @Override
        public void onClose(PeerLink link, int code, String reason) {
            closeReason = code + " " + reason;
            frames.add(CLOSED);
        }

        /** The first frame answering {@code requestId}, null when none came in time. */
        String next(String requestId, int waitMillis) throws Closed {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            try {
                while (true) {
                    String frame = frames.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (frame == null) {
                        return null;
                    }
                    if (frame.equals(CLOSED)) {
                        throw new Closed(closeReason);
                    }
                    if (frame.contains("\"" + requestId + "\"")) {
                        return frame;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
