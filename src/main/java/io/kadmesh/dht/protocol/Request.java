package io.kadmesh.dht.protocol;

/** A message that asks for a reply: the paper's four RPCs, PING, FIND_NODE, FIND_VALUE and STORE. */
public sealed interface Request extends Message permits Ping, FindNode, FindValue, Store {
}
