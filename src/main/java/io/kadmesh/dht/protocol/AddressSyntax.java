package io.kadmesh.dht.protocol;

/**
 * Which contact addresses a node accepts from its peers. Every contact a frame carries, its sender
 * and each entry of {@code nodes}, is checked while the frame decodes; a frame with an address the
 * syntax refuses is {@code invalid}. A live node accepts {@linkplain #webSocket() WebSocket URLs}
 * only; a simulation passes the syntax of its in-memory addresses.
 */
@FunctionalInterface
public interface AddressSyntax {

    /** Why {@code address} is refused, in a phrase that completes "must be ...", or null when it is accepted. */
    String problem(String address);

    /** Well-formed {@code ws://} and {@code wss://} URLs of at most {@value WebSocketAddress#MAX_LENGTH} characters. */
    static AddressSyntax webSocket() {
        return WebSocketAddress::problem;
    }
}
