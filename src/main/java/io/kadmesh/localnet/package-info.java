/**
 * Local networks of real node processes on loopback, behind {@code kadmesh local-network}: each node
 * is the packaged jar started as its own JVM with lean flags, a free port and a data directory.
 * {@link io.kadmesh.localnet.LocalNetwork} starts a bootstrap and nodes, waits until they are ready,
 * kills and restarts them, and kills them all when closed. Plain JDK only (processes, sockets and
 * {@code java.net.http}): it runs without Quarkus, so the command that uses it binds no port. The
 * integration tests and the network benchmark build on it.
 */
package io.kadmesh.localnet;
