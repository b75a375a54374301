package io.kadmesh.transport.handshake;

/**
 * How many inbound links a {@link HandshakeTransport} holds at once. Beyond a limit, a new inbound link
 * is closed at once with close code 1013 (try again later) and a reason naming the limit; the links
 * already open are not touched.
 *
 * @param maxLinks inbound links open at once, verified or still in their handshake
 * @param maxHandshakes inbound links still in their handshake at once
 * @param maxHandshakesPerSource inbound links still in their handshake at once from one source host;
 *        verified links are not counted per source, since every node of a network on one machine
 *        shares the loopback address
 */
public record InboundLimits(int maxLinks, int maxHandshakes, int maxHandshakesPerSource) {

    /** The defaults of {@code kadmesh.inbound.*}. */
    public static final InboundLimits DEFAULTS = new InboundLimits(256, 128, 64);

    /** Checks that every limit is at least 1. */
    public InboundLimits {
        positive("maxLinks", maxLinks);
        positive("maxHandshakes", maxHandshakes);
        positive("maxHandshakesPerSource", maxHandshakesPerSource);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
