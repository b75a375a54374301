package io.kadmesh.node;

import java.time.Duration;
import java.util.random.RandomGenerator;

import jakarta.enterprise.context.ApplicationScoped;

import io.kadmesh.dht.Scheduler;
import io.kadmesh.identity.NodeIdentity;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.transport.ConnectionManagerFactory;
import io.kadmesh.transport.ManagedTransport;
import io.kadmesh.transport.handshake.HandshakeTransport;

/** Builds the node's transport stack: every plugin behind its guard, and the hello handshake on top. */
@ApplicationScoped
public class NodeTransports {

    private final ConnectionManagerFactory managers;

    NodeTransports(ConnectionManagerFactory managers) {
        this.managers = managers;
    }

    /**
     * The node's two ways out: {@code plain}, every guarded plugin as one transport (the bootstrap
     * client's, as {@code /bootstrap} runs no handshake), and {@code peers}, the same with the hello
     * handshake on top, which the DHT talks through.
     */
    public record Stack(Transport plain, Transport peers) {
    }

    /** The stack of the node {@code identity}, known to peers as {@code advertised}. */
    Stack build(NodeIdentity identity, String advertised, Scheduler scheduler, Duration handshakeTimeout,
            RandomGenerator random) {
        ManagedTransport plain = new ManagedTransport(managers);
        return new Stack(plain, new HandshakeTransport(plain, identity, advertised, scheduler, handshakeTimeout, random));
    }
}
