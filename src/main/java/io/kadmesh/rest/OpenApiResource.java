package io.kadmesh.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /q/openapi}: the OpenAPI document of this REST API as the build wrote it from the resources
 * (smallrye-open-api-maven-plugin, into {@code META-INF/openapi/} of the jar). YAML, or JSON when the
 * request asks for it with {@code ?format=json} or an {@code Accept} of {@code application/json}, as
 * Quarkus' OpenAPI extension answers. The document is read from the jar when asked for: a node loads no
 * OpenAPI model to start.
 */
@Path("/q/openapi")
public class OpenApiResource {

    /** Where the build puts the document, without its extension. */
    static final String DOCUMENT = "/META-INF/openapi/openapi";
    static final String YAML = "application/yaml";

    @GET
    public Response document(@QueryParam("format") String format, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean json;
        if (format == null) {
            json = accept != null && accept.contains(MediaType.APPLICATION_JSON) && !accept.contains(YAML);
        } else if (format.equalsIgnoreCase("json") || format.equalsIgnoreCase("yaml")) {
            json = format.equalsIgnoreCase("json");
        } else {
            return error(Response.Status.BAD_REQUEST, "format must be json or yaml");
        }
        String file = DOCUMENT + (json ? ".json" : ".yaml");
        try (InputStream document = OpenApiResource.class.getResourceAsStream(file)) {
            if (document == null) {
                return error(Response.Status.INTERNAL_SERVER_ERROR,
                        "the OpenAPI document " + file + " is missing from this build");
            }
            return Response.ok(document.readAllBytes(), json ? MediaType.APPLICATION_JSON : YAML).build();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + " from the jar", e);
        }
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorResponse(status.getStatusCode(), message)).build();
    }
}
