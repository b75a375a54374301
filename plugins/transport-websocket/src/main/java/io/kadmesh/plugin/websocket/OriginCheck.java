package io.kadmesh.plugin.websocket;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;

/**
 * Refuses, with 403, an upgrade to any of the node's WebSocket endpoints ({@code /dht}, and the core's
 * {@code /bootstrap}: every endpoint whose id starts with {@value #NODE_ENDPOINTS}) whose {@code Origin}
 * header is not among {@code kadmesh.transport.websocket.allowed-origins}: one check, one setting, for
 * both. Browsers always send {@code Origin}; nodes do not, so node-to-node upgrades always pass.
 */
@Singleton
class OriginCheck implements HttpUpgradeCheck {

    private static final Logger LOG = Logger.getLogger(OriginCheck.class);
    private static final int FORBIDDEN = 403;
    /** The prefix of the ids of the node's own endpoints, {@code kadmesh-dht} and {@code kadmesh-bootstrap}. */
    static final String NODE_ENDPOINTS = "kadmesh-";

    private final Optional<Set<String>> allowedOrigins;

    @Inject
    OriginCheck(WebSocketTransportConfig config) {
        this(config.allowedOrigins());
    }

    OriginCheck(Optional<List<String>> allowedOrigins) {
        this.allowedOrigins = allowedOrigins.map(Set::copyOf);
    }

    /** Permits or refuses one upgrade by its {@code Origin} header. */
    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String origin = context.httpRequest().getHeader("Origin");
        if (permits(origin)) {
            return CheckResult.permitUpgrade();
        }
        LOG.debugf("refused a WebSocket upgrade from origin %s", origin);
        return CheckResult.rejectUpgrade(FORBIDDEN);
    }

    /** The node's own endpoints: {@code /dht} and {@code /bootstrap}. */
    @Override
    public boolean appliesTo(String endpointId) {
        return endpointId.startsWith(NODE_ENDPOINTS);
    }

    /** Whether an upgrade with this {@code Origin} header (null: none) may proceed. */
    boolean permits(String origin) {
        return origin == null || allowedOrigins.map(allowed -> allowed.contains(origin)).orElse(true);
    }
}
