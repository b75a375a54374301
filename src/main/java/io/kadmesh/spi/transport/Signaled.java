package io.kadmesh.spi.transport;

/**
 * A transport whose links a peer opens through signaling, as a browser opens a WebRTC DataChannel to a
 * node: the offer, the answer and the candidates travel as signals over a link the peer already has to
 * this node. The node hands such a transport every signal addressed to it, and a way to answer.
 */
public interface Signaled {

    /**
     * Sends a signal to the peer {@code to} (40 hex digits), in {@code session}; the signal is a JSON
     * object's text. False when there is no way to that peer: no link to it to signal over.
     */
    @FunctionalInterface
    interface SignalSender {
        boolean send(String to, String session, String signal);
    }

    /** Gives the transport the way to answer signals; called once, before any signal arrives. */
    void signalThrough(SignalSender sender);

    /**
     * A signal for this node from the peer {@code from} (the id its link proved, 40 hex digits), in
     * {@code session}; {@code signal} is a JSON object's text, as the peer wrote it. Called on the thread
     * of that peer's link; it must return at once.
     */
    void signal(String from, String session, String signal);
}
