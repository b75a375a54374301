package io.kadmesh.spi.transport;

/**
 * Receives what happens on links. Calls for one link never overlap and arrive in order: open, then
 * frames, then close.
 */
public interface LinkHandler {

    /** The link is open; frames may follow. */
    void onOpen(PeerLink link);

    /** A text frame arrived on {@code link}. */
    void onFrame(PeerLink link, String frame);

    /** The link closed, by either side or by failure; no frame follows. */
    void onClose(PeerLink link, int code, String reason);
}
