package io.kadmesh.diagnostics;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import io.kadmesh.dht.protocol.DecodeResult;
import io.kadmesh.dht.protocol.Decoded;
import io.kadmesh.dht.protocol.ErrorReply;
import io.kadmesh.dht.protocol.MessageCodec;
import io.kadmesh.dht.protocol.Ping;
import io.kadmesh.dht.protocol.Pong;
import io.kadmesh.transport.handshake.HandshakeTransport;

/**
 * The hello handshake, one ping, and the data flow check on a node's peer endpoint, each as a
 * {@link ThrowawayPeer}, so that the diagnosis leaves nothing behind in the node's routing table.
 */
final class NodeConversation {

    static final MessageCodec CODEC = new MessageCodec();

    private final Endpoint endpoint;
    private final Bounds bounds;
    private final long deadline;
    private final List<StepResult> steps;
    private final String webrtcSkipped;

    /** The conversation; the WebRTC check runs unless {@code webrtcSkipped} says why not. */
    NodeConversation(Endpoint endpoint, Bounds bounds, long deadline, List<StepResult> steps, String webrtcSkipped) {
        this.endpoint = endpoint;
        this.bounds = bounds;
        this.deadline = deadline;
        this.steps = steps;
        this.webrtcSkipped = webrtcSkipped;
    }

    /** Runs the handshake, the ping and the data flow over {@code socket}, which it closes. */
    void run(ProbeSocket socket) throws StepFailure {
        try (ProbeLink.Timers timers = new ProbeLink.Timers(); ThrowawayPeer peer = hello(socket, timers)) {
            ping(peer);
            new DataFlowCheck(endpoint, bounds, deadline, steps).run(peer, timers, webrtcSkipped);
        } finally {
            socket.close();
        }
    }

    private ThrowawayPeer hello(ProbeSocket socket, ProbeLink.Timers timers) throws StepFailure {
        long start = System.nanoTime();
        int wait = bounds.waitMillis(deadline);
        try {
            ThrowawayPeer peer = new ThrowawayPeer().hello(endpoint, socket, timers, wait);
            steps.add(StepResult.passed(Step.HELLO, start, "node " + peer.nodeId()));
            return peer;
        } catch (ThrowawayPeer.HelloFailed failed) {
            throw helloFailure(start, failed.getMessage(), failed.framesReceived(), wait);
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

    private void ping(ThrowawayPeer peer) throws StepFailure {
        long start = System.nanoTime();
        int wait = bounds.waitMillis(deadline);
        String requestId = "diagnose-ping";
        peer.send(CODEC.encode(new Ping(requestId, peer.self())));
        try {
            String frame = peer.await(answering(requestId), wait);
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
        } catch (ThrowawayPeer.Closed closed) {
            throw fail(Step.REQUEST, start, "the node closed the link instead of answering a ping (" + closed.getMessage()
                    + ")", "read the close reason; the node's log says more");
        }
    }

    /** Whether a frame answers the request {@code requestId}. */
    static Predicate<String> answering(String requestId) {
        return frame -> frame.contains("\"requestId\":\"" + requestId + "\"");
    }

    private StepFailure fail(Step step, long start, String cause, String next) {
        steps.add(StepResult.failed(step, start, cause));
        return new StepFailure(step, cause, next);
    }
}
