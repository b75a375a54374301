package io.kadmesh.dht.protocol;

/**
 * A message that asks for a reply: the paper's four RPCs, PING, FIND_NODE, FIND_VALUE and STORE, and a
 * request to a service built over the DHT.
 */
public sealed interface Request extends Message permits Ping, FindNode, FindValue, Store, ServiceRequest {
}
