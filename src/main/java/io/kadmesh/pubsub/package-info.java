/**
 * Pubsub channels over the DHT ({@code docs/pubsub.md}): a channel's name, its signed record at the
 * name's key, and creating it once. Plain Java over {@link io.kadmesh.dht.node.DhtNode}.
 */
package io.kadmesh.pubsub;
