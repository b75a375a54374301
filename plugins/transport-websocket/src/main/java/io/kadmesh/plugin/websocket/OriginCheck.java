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
 * Refuses, with 403, an upgrade to {@code /dht} whose {@code Origin} header is not among
 * {@code kadmesh.transport.websocket.allowed-origins}. Browsers always send {@code Origin}; nodes do
 * not, so node-to-node upgrades always pass.
 */
@Singleton
class OriginCheck implements HttpUpgradeCheck {

    private static final Logger LOG = Logger.getLogger(OriginCheck.class);
    private static final int FORBIDDEN = 403;

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

    /** Only the {@code /dht} endpoint. */
    @Override
    public boolean appliesTo(String endpointId) {
        return DhtEndpoint.ID.equals(endpointId);
    }

    /** Whether an upgrade with this {@code Origin} header (null: none) may proceed. */
    boolean permits(String origin) {
        return origin == null || allowedOrigins.map(allowed -> allowed.contains(origin)).orElse(true);
    }
}
