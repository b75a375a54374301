/**
 * The hello handshake: a {@link io.kadmesh.transport.handshake.HandshakeTransport} wraps any transport
 * and hands its user only links whose peer has proved, by signing a fresh nonce, that it holds the key
 * its node id derives from. The wire format is specified in {@code docs/protocol.md}, section
 * "Handshake".
 */
package io.kadmesh.transport.handshake;
