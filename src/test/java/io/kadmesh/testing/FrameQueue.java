package io.kadmesh.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;

/** A link handler for tests over real sockets: queues the frames and keeps the close code. */
public final class FrameQueue implements LinkHandler {

    /** Longest wait for one frame. */
    public static final long WAIT_SECONDS = 10;

    /** The close code, once the link closed. */
    public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    /** The close code and reason, as {@code "1008 reason"}, once the link closed. */
    public final CompletableFuture<String> close = new CompletableFuture<>();
    private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();

    @Override
    public void onOpen(PeerLink link) {
    }

    @Override
    public void onFrame(PeerLink link, String frame) {
        frames.add(frame);
    }

    @Override
    public void onClose(PeerLink link, int code, String reason) {
        closeCode.complete(code);
        close.complete(code + " " + reason);
    }

    /** The next frame; fails the test when none arrives within {@link #WAIT_SECONDS}. */
    public String next() throws InterruptedException {
        String frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(frame, "no frame within " + WAIT_SECONDS + " s");
        return frame;
    }

    /** The next frame, or null when none arrives within {@code millis}. */
    public String poll(long millis) throws InterruptedException {
        return frames.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The answer to {@code frame}, sent on {@code link}. */
    public String exchange(PeerLink link, String frame) throws InterruptedException {
        link.send(frame);
        return next();
    }
}
