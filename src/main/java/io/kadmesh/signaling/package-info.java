/**
 * WebRTC signaling between browsers over the node's links: a browser's offer, answer and candidates
 * for another browser, passed on by a node both are linked to, stamped with the sender the link
 * proved. The DHT core never sees these frames.
 */
package io.kadmesh.signaling;
