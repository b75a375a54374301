/**
 * The WebSocket transport: {@link io.kadmesh.plugin.websocket.WebSocketTransport} dials {@code ws://}
 * and {@code wss://} peers with the WebSockets Next client and accepts inbound peers on the
 * {@code /dht} server endpoint. Every failure to reach a peer names its phase (DNS, connect, TLS,
 * upgrade, send) and, for a refused upgrade, the HTTP status, the start of the body and the likely
 * cause. docs/transport-websocket.md describes it for operators.
 */
package io.kadmesh.plugin.websocket;
