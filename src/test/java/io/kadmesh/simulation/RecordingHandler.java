package io.kadmesh.simulation;

import java.util.ArrayList;
import java.util.List;

import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;

/** A link handler that writes down what happened, and when, for tests to inspect. */
final class RecordingHandler implements LinkHandler {

    final List<PeerLink> opened = new ArrayList<>();
    final List<String> frames = new ArrayList<>();
    final List<Long> frameMillis = new ArrayList<>();
    final List<String> closes = new ArrayList<>();
    private final SimulatedTime time;

    RecordingHandler(SimulatedTime time) {
        this.time = time;
    }

    @Override
    public void onOpen(PeerLink link) {
        opened.add(link);
    }

    @Override
    public void onFrame(PeerLink link, String frame) {
        frames.add(frame);
        frameMillis.add(time.elapsed().toMillis());
    }

    @Override
    public void onClose(PeerLink link, int code, String reason) {
        closes.add(code + " " + reason);
    }

    /** The link opened last. */
    PeerLink lastOpened() {
        return opened.get(opened.size() - 1);
    }
}
