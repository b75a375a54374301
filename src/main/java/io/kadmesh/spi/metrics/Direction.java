package io.kadmesh.spi.metrics;

/**
 * Which way something went, seen from this node: a frame received ({@link #IN}) or sent
 * ({@link #OUT}); a link accepted ({@link #IN}) or dialed ({@link #OUT}).
 */
public enum Direction {
    /** Received, or accepted from a peer. */
    IN("in"),
    /** Sent, or dialed by this node. */
    OUT("out");

    private final String label;

    Direction(String label) {
        this.label = label;
    }

    /** The tag value: {@code in} or {@code out}. */
    public String label() {
        return label;
    }
}
