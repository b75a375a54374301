package io.kadmesh.rest;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.kadmesh.spi.transport.UpgradeAnswer;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a plain HTTP request to one of the node's WebSocket endpoints, {@code /dht} and
 * {@code /bootstrap}, with 426 Upgrade Required and a body that says so ({@link UpgradeAnswer#UPGRADE_MISSING}),
 * instead of the REST API's 404. A dialer or a diagnosis whose upgrade a proxy stripped of its
 * {@code Upgrade} header then learns that the endpoint is there and the header was lost on the way,
 * rather than that the path is wrong.
 */
@ApplicationScoped
class UpgradeRequired {

    /** The node's WebSocket endpoints. */
    static final Set<String> PATHS = Set.of("/dht", "/bootstrap");

    /** Ahead of the origin check (400) and Quarkus's CORS filter (300): higher priorities run first. */
    static final int PRIORITY = 500;

    private static final int UPGRADE_REQUIRED = 426;

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!PATHS.contains(request.path()) || isUpgrade(request)) {
            context.next();
            return;
        }
        context.response().setStatusCode(UPGRADE_REQUIRED).putHeader(HttpHeaders.UPGRADE, "websocket")
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end(UpgradeAnswer.UPGRADE_MISSING + " at " + request.path()
                        + "; a proxy between may strip the Upgrade and Connection headers\n");
    }

    private static boolean isUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader(HttpHeaders.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }
}
