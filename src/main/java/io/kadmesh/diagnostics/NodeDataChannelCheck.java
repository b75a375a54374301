package io.kadmesh.diagnostics;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.kadmesh.spi.transport.Transport;

/**
 * The node's own WebRTC connection manager: a throwaway peer's WebRTC transport dials the node itself,
 * the DataChannel signaled through the node and handshaken as the peer's first link was, and the flow
 * step's requests of mixed sizes must all be answered over it, in order. A node whose WebRTC transport
 * is off answers the offer with {@code signal_error}: it has no such manager, and the check says so.
 */
final class NodeDataChannelCheck {

    private final Bounds bounds;
    private final long deadline;

    NodeDataChannelCheck(Bounds bounds, long deadline) {
        this.bounds = bounds;
        this.deadline = deadline;
    }

    /** The check failed: the cause, and the next step in {@link #next()}. */
    static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;
        private final String next;

        Failed(String cause, String next) {
            super(cause, null, false, false);
            this.next = next;
        }

        String next() {
            return next;
        }
    }

    /**
     * Dials the node of {@code peer}'s first link over {@code webrtc}, whose signals go through that link;
     * {@code refused} completes with the node's words when it takes no DataChannels. Says what it found.
     */
    String run(Transport webrtc, ThrowawayPeer peer, ProbeLink.Timers timers, CompletableFuture<String> refused)
            throws Failed {
        int wait = bounds.waitMillis(deadline);
        CompletableFuture<ThrowawayPeer> linked = CompletableFuture.supplyAsync(() -> {
            try {
                return peer.alsoOver(webrtc, "webrtc:" + peer.nodeId(), timers, wait);
            } catch (ThrowawayPeer.HelloFailed failed) {
                throw new CompletionException(failed);
            }
        });
        Object first;
        try {
            first = CompletableFuture.anyOf(linked, refused).get(wait + 1000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new Failed("a DataChannel to the node itself did not open: " + e.getCause().getMessage(),
                    "let UDP pass between this side and the node; until then browsers reach it over WebSocket");
        } catch (TimeoutException e) {
            throw new Failed("no DataChannel to the node itself within " + (wait + 1000) + " ms",
                    "let UDP pass between this side and the node; until then browsers reach it over WebSocket");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted", "run the diagnosis again");
        }
        if (first instanceof String refusal) {
            linked.cancel(false);
            return "the node takes no DataChannels itself (" + refusal + ")";
        }
        return requests((ThrowawayPeer) first);
    }

    private String requests(ThrowawayPeer overChannel) throws Failed {
        try (overChannel) {
            String problem = DataFlowCheck.requestRound(overChannel, () -> bounds.waitMillis(deadline));
            if (problem != null) {
                throw new Failed("a DataChannel to the node itself opened, but " + problem, "read the node's log");
            }
        }
        return "a DataChannel to the node itself carried " + DataFlowCheck.REQUESTS.length + " requests of "
                + DataFlowCheck.sizeRange(DataFlowCheck.REQUESTS) + " characters, answered in order";
    }
}
