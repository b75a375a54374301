package io.kadmesh.plugin.websocket;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;

/**
 * A link handler that writes down what happened, for tests to await: the first link opened, the
 * first {@code expectedFrames} frames, the first close, and any calls that overlapped or came out of
 * order.
 */
final class RecordingLinkHandler implements LinkHandler {

    final CompletableFuture<PeerLink> opened = new CompletableFuture<>();
    final CompletableFuture<List<String>> frames = new CompletableFuture<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    final List<String> misbehaviour = Collections.synchronizedList(new ArrayList<>());
    private final List<String> received = new ArrayList<>();
    private final int expectedFrames;
    private final AtomicInteger callsInProgress = new AtomicInteger();

    RecordingLinkHandler(int expectedFrames) {
        this.expectedFrames = expectedFrames;
    }

    @Override
    public void onOpen(PeerLink link) {
        enter("onOpen");
        opened.complete(link);
        leave();
    }

    @Override
    public void onFrame(PeerLink link, String frame) {
        enter("onFrame");
        if (!opened.isDone() || closed.isDone()) {
            misbehaviour.add("frame outside open and close: " + frame);
        }
        synchronized (received) {
            received.add(frame);
            if (received.size() == expectedFrames) {
                frames.complete(List.copyOf(received));
            }
        }
        leave();
    }

    @Override
    public void onClose(PeerLink link, int code, String reason) {
        enter("onClose");
        closed.complete(code + " " + reason);
        leave();
    }

    private void enter(String callback) {
        if (callsInProgress.incrementAndGet() > 1) {
            misbehaviour.add(callback + " overlapped another call");
        }
    }

    private void leave() {
        callsInProgress.decrementAndGet();
    }
}
