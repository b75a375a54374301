package io.kadmesh.diagnostics;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.kadmesh.spi.transport.Failures;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Signaled;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.spi.transport.TransportException;
import io.kadmesh.spi.transport.TransportProvider;
import io.kadmesh.wire.ControlJson;

/**
 * The WebRTC path: two throwaway peers, each with a WebRTC transport of its own (the webrtc plugin,
 * found through {@link TransportProvider}), signal through the node as two browsers would and open a
 * DataChannel, which must carry messages of mixed sizes intact and in order; then the node's own
 * WebRTC manager is checked over a DataChannel to the node itself. When ICE finds no path,
 * the relay checked in the flow step is where the traffic goes, and the finding says so.
 */
final class WebRtcCheck {

    /** The sizes, in characters, of the messages sent over the DataChannel. */
    static final int[] SIZES = { 1, 1_000, 16_000, 60_000, 3 };

    private final Bounds bounds;
    private final long deadline;
    private final List<StepResult> steps;

    WebRtcCheck(Bounds bounds, long deadline, List<StepResult> steps) {
        this.bounds = bounds;
        this.deadline = deadline;
        this.steps = steps;
    }

    /**
     * Opens the DataChannel from {@code offerer} to {@code answerer} and carries the messages over it,
     * then checks the node's own WebRTC manager with the offerer's transport ({@link NodeDataChannelCheck}),
     * its handshake's timeouts on {@code timers}.
     */
    void run(ThrowawayPeer offerer, ThrowawayPeer answerer, ProbeLink.Timers timers) throws StepFailure {
        long start = System.nanoTime();
        Optional<TransportProvider> provider = ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(found -> found.id().equals("webrtc")).findFirst();
        if (provider.isEmpty()) {
            steps.add(StepResult.skipped(Step.WEBRTC, "this build has no WebRTC transport"));
            return;
        }
        Duration open = Duration.ofMillis(bounds.waitMillis(deadline));
        Transport offering = provider.get().create(open);
        Transport answering = provider.get().create(open);
        try {
            if (!offering.status().available()) {
                steps.add(StepResult.skipped(Step.WEBRTC, "webrtc-java cannot run here: " + offering.status().reason()));
                return;
            }
            answering.status();
            CompletableFuture<String> nodeRefused = new CompletableFuture<>();
            signalThrough(offering, offerer, refusal -> {
                if (refusal.path("to").asText().equals(offerer.nodeId())) {
                    nodeRefused.complete(refusal.path("message").asText());
                }
            });
            signalThrough(answering, answerer, refusal -> {
            });
            Received received = new Received();
            answering.listen(received);
            PeerLink link = dial(offering, answerer, start, open);
            carry(link, received, start);
            String toNode = new NodeDataChannelCheck(bounds, deadline).run(offering, offerer, timers, nodeRefused);
            steps.add(StepResult.passed(Step.WEBRTC, start, "a DataChannel signaled through the node opened; "
                    + SIZES.length + " messages of " + DataFlowCheck.sizeRange(SIZES)
                    + " characters over it intact and in order; " + toNode));
        } catch (NodeDataChannelCheck.Failed failed) {
            throw fail(start, failed.getMessage(), failed.next());
        } finally {
            offering.close();
            answering.close();
        }
    }

    /**
     * Signals of {@code transport} go out over {@code peer}'s link to the node; the node's come back to
     * it, and its refusals ({@code signal_error}) go to {@code refused}.
     */
    private static void signalThrough(Transport transport, ThrowawayPeer peer, Consumer<JsonNode> refused) {
        Signaled signaled = (Signaled) transport;
        signaled.signalThrough((to, session, signal) -> {
            try {
                var frame = ControlJson.MAPPER.createObjectNode().put("type", "signal").put("to", to).put("session",
                        session);
                frame.set("signal", ControlJson.MAPPER.readTree(signal));
                peer.send(frame.toString());
                return true;
            } catch (JsonProcessingException e) {
                return false;
            }
        });
        peer.onSignals(frame -> {
            try {
                JsonNode signal = ControlJson.MAPPER.readTree(frame);
                if (signal.path("type").asText().equals("signal")) {
                    signaled.signal(signal.path("from").asText(), signal.path("session").asText(),
                            signal.path("signal").toString());
                } else if (signal.path("type").asText().equals("signal_error")) {
                    refused.accept(signal);
                }
            } catch (JsonProcessingException ignored) {
                // The node writes JSON; a frame that is not is nothing to signal.
            }
        });
    }

    private PeerLink dial(Transport offering, ThrowawayPeer answerer, long start, Duration open) throws StepFailure {
        try {
            return offering.dial("webrtc:" + answerer.self().id().toHex(), new Received()).toCompletableFuture()
                    .get(open.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = Failures.cause(e.getCause());
            String detail = cause instanceof TransportException transport ? transport.detail() : String.valueOf(cause);
            throw fail(start, "ICE failed, no candidate pair: traffic is on the WebSocket relay (" + detail + ")",
                    "let UDP pass between the peers' addresses, or give them a TURN server; until then browsers"
                            + " reach each other over the relay, which the flow step checked");
        } catch (TimeoutException e) {
            throw fail(start, "ICE failed, no candidate pair: no DataChannel within " + (open.toMillis() + 1000)
                    + " ms; traffic is on the WebSocket relay", "let UDP pass between the peers' addresses");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(start, "interrupted", "run the diagnosis again");
        }
    }

    private void carry(PeerLink link, Received received, long start) throws StepFailure {
        for (int size : SIZES) {
            link.send(DataFlowCheck.text(size));
        }
        for (int i = 0; i < SIZES.length; i++) {
            String frame = received.next(bounds.waitMillis(deadline));
            if (frame == null || !frame.equals(DataFlowCheck.text(SIZES[i]))) {
                throw fail(start, "the DataChannel opened, but message " + (i + 1) + " (" + SIZES[i] + " characters) "
                        + (frame == null ? "did not arrive" : "arrived changed or out of order"),
                        "check the path's MTU and the peers' libwebrtc versions");
            }
        }
    }

    private StepFailure fail(long start, String cause, String next) {
        steps.add(StepResult.failed(Step.WEBRTC, start, cause));
        return new StepFailure(Step.WEBRTC, cause, next);
    }

    /** What arrives on the answering side's channel. */
    private static final class Received implements LinkHandler {

        private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

        @Override
        public void onOpen(PeerLink link) {
            // Frames follow.
        }

        @Override
        public void onFrame(PeerLink link, String frame) {
            frames.add(frame);
        }

        @Override
        public void onClose(PeerLink link, int code, String reason) {
            // The check ends with the transports.
        }

        String next(int waitMillis) {
            try {
                return frames.poll(waitMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
