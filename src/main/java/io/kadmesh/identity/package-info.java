/**
 * Who a node is: its Ed25519 key pair, kept in a key file across restarts, and the node id derived
 * from the public key. Plain Java; the node wiring constructs it.
 */
package io.kadmesh.identity;
