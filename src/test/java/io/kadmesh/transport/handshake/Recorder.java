package io.kadmesh.transport.handshake;

import java.util.ArrayList;
import java.util.List;

import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;

/** A link handler that writes down what it was told, for tests to inspect. */
final class Recorder implements LinkHandler {

    final List<PeerLink> opened = new ArrayList<>();
    final List<String> frames = new ArrayList<>();
    final List<PeerLink> frameLinks = new ArrayList<>();
    final List<String> closes = new ArrayList<>();

    @Override
    public void onOpen(PeerLink link) {
        opened.add(link);
    }

    @Override
    public void onFrame(PeerLink link, String frame) {
        frameLinks.add(link);
        frames.add(frame);
    }

    @Override
    public void onClose(PeerLink link, int code, String reason) {
        closes.add(code + " " + reason);
    }

    /** The only link opened so far. */
    PeerLink onlyLink() {
        if (opened.size() != 1) {
            throw new AssertionError("expected one link, got " + opened);
        }
        return opened.get(0);
    }

    /** Whether nothing at all was reported. */
    boolean sawNothing() {
        return opened.isEmpty() && frames.isEmpty() && closes.isEmpty();
    }
}
