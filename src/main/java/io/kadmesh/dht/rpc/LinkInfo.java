package io.kadmesh.dht.rpc;

/**
 * One open link as operators see it.
 *
 * @param peer the authenticated peer id, or the far address when the transport does not authenticate
 * @param transport the transport carrying the link
 * @param direction {@code inbound} or {@code outbound}
 * @param bytesIn bytes (UTF-8) of the frames received on it
 * @param bytesOut bytes (UTF-8) of the frames sent on it
 */
public record LinkInfo(String peer, String transport, String direction, long bytesIn, long bytesOut) {
}
