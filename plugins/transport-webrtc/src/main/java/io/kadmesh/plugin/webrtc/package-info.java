/**
 * The WebRTC transport plugin: browsers open DataChannels to the node through signaling over their
 * WebSocket links, with webrtc-java's native libwebrtc on the node's side. See {@code docs/transport-webrtc.md}.
 */
package io.kadmesh.plugin.webrtc;
