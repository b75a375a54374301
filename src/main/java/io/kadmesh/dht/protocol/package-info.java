/**
 * The messages nodes exchange and their JSON wire form: the paper's four RPCs (PING, FIND_NODE,
 * FIND_VALUE, STORE), their replies, and the error reply. {@link io.kadmesh.dht.protocol.MessageCodec}
 * turns messages into text frames and back; docs/protocol.md is the contract it implements.
 */
package io.kadmesh.dht.protocol;
