package io.kadmesh.dht.protocol;

/** A message that answers a {@link Request}, carrying the request's id. */
public sealed interface Reply extends Message permits Pong, Nodes, Value, Stored, ServiceReply, ErrorReply {
}
