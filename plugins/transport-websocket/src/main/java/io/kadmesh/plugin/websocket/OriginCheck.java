package io.kadmesh.plugin.websocket;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Decides which web pages may open WebSocket links to the node: every upgrade request to the node's
 * WebSocket endpoints ({@code /dht}, and the core's {@code /bootstrap}) whose {@code Origin} header is
 * not among {@code kadmesh.transport.websocket.allowed-origins} is refused with 403; one check, one
 * setting, for both. Browsers always send {@code Origin}; nodes do not, so node-to-node upgrades always
 * pass, and with the setting unset every page may link, as browser peers of the DHT must: a page loaded
 * from one node dials the others.
 * <p>
 * It runs as an HTTP filter ahead of Quarkus's CORS filter, which guards the REST API
 * ({@code quarkus.http.cors.origins}) and would otherwise refuse every upgrade from a page of another
 * origin: an upgrade this check permits goes on without its {@code Origin} header, so that the REST
 * API's CORS policy does not decide who may join the DHT.
 */
@Singleton
class OriginCheck {

    private static final Logger LOG = Logger.getLogger(OriginCheck.class);
    private static final int FORBIDDEN = 403;
    /** Ahead of Quarkus's CORS filter (priority 300): higher priorities run first. */
    static final int PRIORITY = 400;

    private final Optional<Set<String>> allowedOrigins;

    @Inject
    OriginCheck(WebSocketTransportConfig config) {
        this(config.allowedOrigins());
    }

    OriginCheck(Optional<List<String>> allowedOrigins) {
        this.allowedOrigins = allowedOrigins.map(Set::copyOf);
    }

    /** Puts the check in front of every HTTP request. */
    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    /** Permits or refuses one WebSocket upgrade by its {@code Origin} header; other requests pass untouched. */
    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null || !isUpgrade(request)) {
            context.next();
        } else if (permits(origin)) {
            request.headers().remove(HttpHeaders.ORIGIN);
            context.next();
        } else {
            LOG.debugf("refused a WebSocket upgrade to %s from origin %s", request.path(), origin);
            context.response().setStatusCode(FORBIDDEN).end();
        }
    }

    /** Whether an upgrade with this {@code Origin} header (null: none) may proceed. */
    boolean permits(String origin) {
        return origin == null || allowedOrigins.map(allowed -> allowed.contains(origin)).orElse(true);
    }

    private static boolean isUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader(HttpHeaders.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }
}
