package io.kadmesh.testing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;

/**
 * A link handler that writes down what it was told, and when, for tests to inspect. For
 * single-threaded tests (simulated time); tests over real sockets await futures instead.
 */
public final class LinkRecorder implements LinkHandler {

    /** Links opened, in order. */
    public final List<PeerLink> opened = new ArrayList<>();
    /** Frames received, in order. */
    public final List<String> frames = new ArrayList<>();
    /** The link each frame arrived on. */
    public final List<PeerLink> frameLinks = new ArrayList<>();
    /** When each frame arrived, in the clock's milliseconds. */
    public final List<Long> frameMillis = new ArrayList<>();
    /** Closes, as {@code "<code> <reason>"}. */
    public final List<String> closes = new ArrayList<>();
    /** Close codes, in order. */
    public final List<Integer> closeCodes = new ArrayList<>();

    private final Clock clock;

    /** A recorder that stamps frames with {@code clock}. */
    public LinkRecorder(Clock clock) {
        this.clock = clock;
    }

    /** A recorder that stamps frames with the system clock. */
    public LinkRecorder() {
        this(Clock.systemUTC());
    }

    @Override
    public void onOpen(PeerLink link) {
        opened.add(link);
    }

    @Override
    public void onFrame(PeerLink link, String frame) {
        frames.add(frame);
        frameLinks.add(link);
        frameMillis.add(clock.millis());
    }

    @Override
    public void onClose(PeerLink link, int code, String reason) {
        closes.add(code + " " + reason);
        closeCodes.add(code);
    }

    /** The link opened last. */
    public PeerLink lastOpened() {
        return opened.get(opened.size() - 1);
    }

    /** The only link opened so far. */
    public PeerLink onlyLink() {
        if (opened.size() != 1) {
            throw new AssertionError("expected one link, got " + opened);
        }
        return opened.get(0);
    }

    /** Whether nothing at all was reported. */
    public boolean sawNothing() {
        return opened.isEmpty() && frames.isEmpty() && closes.isEmpty();
    }
}
