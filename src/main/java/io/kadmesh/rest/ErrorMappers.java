package io.kadmesh.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.kadmesh.dht.storage.StorageFullException;
import io.kadmesh.node.NodeNotRunningException;

/** Turns every failure into a JSON {@link ErrorResponse}: a stack trace is never the API. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        return answer(e.getResponse().getStatus(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        return answer(400, "the body is not valid JSON: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response badArgument(IllegalArgumentException e) {
        return answer(400, e.getMessage());
    }

    /** 507: the node's record store has no room for a record it publishes (its own count against its budgets). */
    @ServerExceptionMapper
    public Response full(StorageFullException e) {
        return answer(507, "this node cannot keep the record: " + e.getMessage());
    }

    @ServerExceptionMapper
    public Response unavailable(NodeNotRunningException e) {
        return answer(503, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("request failed", e);
        return answer(500, "internal error: " + e.getClass().getSimpleName());
    }

    private static Response answer(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorResponse(status, message))
                .build();
    }
}
