package io.kadmesh.testing;

import java.util.function.IntConsumer;

import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;

/** A handler for links whose opens and frames a test does not read: at most, it hears of the close. */
public final class QuietLinks implements LinkHandler {

    private final IntConsumer closed;

    private QuietLinks(IntConsumer closed) {
        this.closed = closed;
    }

    /** Ignores everything that happens on its links. */
    public static LinkHandler ignoring() {
        return new QuietLinks(code -> {
        });
    }

    /** Ignores opens and frames, and hands each close's code to {@code closed}. */
    public static LinkHandler closing(IntConsumer closed) {
        return new QuietLinks(closed);
    }

    @Override
    public void onOpen(PeerLink link) {
    }

    @Override
    public void onFrame(PeerLink link, String frame) {
    }

    @Override
    public void onClose(PeerLink link, int code, String reason) {
        closed.accept(code);
    }
}
