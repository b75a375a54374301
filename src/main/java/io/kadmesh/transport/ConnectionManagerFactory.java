package io.kadmesh.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.kadmesh.config.NodeConfig;
import io.kadmesh.spi.transport.Transport;

/**
 * Chooses the connection manager for each peer. Transport plugins are CDI beans implementing the
 * transport SPI; this collects every one that is available here, wraps each in its guards, and
 * picks, per peer address, the first that supports it: node↔node and browser→node over WebSocket
 * now; browser↔browser over WebRTC when that plugin lands. A plugin that reports itself unavailable
 * is left out and logged, and the node goes on with the others.
 */
@ApplicationScoped
public class ConnectionManagerFactory {

    private static final Logger LOG = Logger.getLogger(ConnectionManagerFactory.class);

    private final List<ConnectionManager> managers = new ArrayList<>();

    ConnectionManagerFactory(@Any Instance<Transport> plugins, NodeConfig config) {
        for (Transport plugin : plugins) {
            if (plugin.status().available()) {
                managers.add(new ConnectionManager(plugin.id() + "-connection-manager",
                        new GuardedTransport(plugin, config.guard())));
            } else {
                LOG.warnf("transport %s is unavailable: %s", plugin.id(), plugin.status().reason());
            }
        }
    }

    /** The manager for the peer at {@code address}, if any transport here can reach it. */
    public Optional<ConnectionManager> managerFor(String address) {
        return managers.stream().filter(manager -> manager.transport().supports(address)).findFirst();
    }

    /** Every available manager. */
    public List<ConnectionManager> managers() {
        return List.copyOf(managers);
    }
}
