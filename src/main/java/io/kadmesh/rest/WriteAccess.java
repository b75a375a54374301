package io.kadmesh.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.kadmesh.config.NodeConfig;
import io.kadmesh.wire.IpLiteral;
import io.quarkus.runtime.StartupEvent;

/**
 * Who may write through the REST API. A write is any {@code POST}, {@code PUT}, {@code PATCH} or
 * {@code DELETE} under {@code /api}, except {@code POST /api/dht/find-node}, which only reads. When
 * {@code kadmesh.api.token} is set, a write must carry {@code Authorization: Bearer <token>}, or it is
 * answered 401. When the HTTP server listens beyond loopback ({@code quarkus.http.host} is not
 * {@code localhost} nor a loopback address), the token is required: without one the node refuses to
 * start. Reads, {@code /q/health*} and {@code /q/metrics} stay open.
 */
@ApplicationScoped
public class WriteAccess {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> READS_BY_POST = Set.of("/api/dht/find-node");
    private static final String BEARER = "Bearer ";

    private final Optional<byte[]> token;
    private final String host;

    @Inject
    WriteAccess(NodeConfig config, @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0") String host) {
        this(config.api().token(), host);
    }

    WriteAccess(Optional<String> token, String host) {
        this.token = token.filter(value -> !value.isBlank()).map(value -> value.getBytes(StandardCharsets.UTF_8));
        this.host = host;
    }

    /** Refuses to start a server that listens beyond loopback without a token. */
    void onStartup(@Observes StartupEvent event) {
        check();
    }

    /** Throws {@link IllegalStateException} saying what to do when the server listens beyond loopback without a token. */
    void check() {
        if (token.isEmpty() && !IpLiteral.isLoopback(host)) {
            throw new IllegalStateException("the HTTP server listens on " + host + " (quarkus.http.host), beyond"
                    + " loopback, but kadmesh.api.token is not set, so anyone who reaches it could write: set"
                    + " kadmesh.api.token (env KADMESH_API_TOKEN) to a secret, or listen on 127.0.0.1");
        }
    }

    /** Answers 401 to a write without the right token, when a token is set; lets everything else through. */
    @ServerRequestFilter
    public Optional<Response> authorize(ContainerRequestContext request) {
        if (token.isEmpty() || !isWrite(request.getMethod(), "/" + request.getUriInfo().getPath())) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && header.startsWith(BEARER) && MessageDigest.isEqual(token.get(),
                header.substring(BEARER.length()).getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        String reason = header == null
                ? "this write needs 'Authorization: Bearer <kadmesh.api.token>'"
                : "the bearer token is not this node's kadmesh.api.token";
        return Optional.of(Response.status(Response.Status.UNAUTHORIZED).type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").entity(new ErrorResponse(401, reason)).build());
    }

    /** Whether {@code method} on {@code path} writes. */
    static boolean isWrite(String method, String path) {
        String normalized = path.replaceAll("/+", "/");
        return WRITES.contains(method) && normalized.startsWith("/api/")
                && !("POST".equals(method) && READS_BY_POST.contains(stripTrailingSlash(normalized)));
    }

    private static String stripTrailingSlash(String path) {
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }
}
