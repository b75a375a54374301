package io.kadmesh.testing;

import java.util.function.BiConsumer;

import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;

/** A handler for links whose opens and frames a test does not read: at most, it hears of the close. */
public final class QuietLinks implements LinkHandler {

    private final BiConsumer<Integer, String> closed;

    private QuietLinks(BiConsumer<Integer, String> closed) {
        this.closed = closed;
    }

    /** Ignores everything that happens on its links. */
    public static LinkHandler ignoring() {
        return new QuietLinks((code, reason) -> {
        });
    }

    /** Ignores opens and frames, and hands each close's code and reason to {@code closed}. */
    public static LinkHandler closing(BiConsumer<Integer, String> closed) {
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
        closed.accept(code, reason);
    }
}
