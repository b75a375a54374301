package io.kadmesh.node;

/**
 * The node's peer-protocol traffic since it started, and its rate of late: what {@code GET /api/node}
 * shows as {@code transfer}.
 *
 * @param bytesIn bytes of the frames received (UTF-8 on the wire, after the hello handshake)
 * @param bytesOut bytes of the frames sent
 * @param messagesIn frames received
 * @param messagesOut frames sent
 * @param bytesInPerSecond bytes received per second over the last {@code rateWindowSeconds}
 * @param bytesOutPerSecond bytes sent per second over the last {@code rateWindowSeconds}
 * @param rateWindowSeconds the span of the rates: ten seconds, or less while the node is younger
 */
public record Transfer(long bytesIn, long bytesOut, long messagesIn, long messagesOut, double bytesInPerSecond,
        double bytesOutPerSecond, double rateWindowSeconds) {
}
