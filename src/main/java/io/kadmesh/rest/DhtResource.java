package io.kadmesh.rest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.storage.KeyOwnedException;
import io.kadmesh.node.NodeLifecycle;

/** The DHT's operations: find the closest nodes to an id, store and read values. */
@Path("/api/dht")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DhtResource {

    /** Longest key, in characters. */
    public static final int MAX_KEY_LENGTH = 256;

    private final NodeLifecycle node;
    private final ObjectMapper json;

    DhtResource(NodeLifecycle node, ObjectMapper json) {
        this.node = node;
        this.json = json;
    }

    /** The body of a find-node request: the id to look up, 40 hex digits. */
    public record FindNodeRequest(String target) {
    }

    /** One node found. */
    public record NodeRef(String nodeId, String url) {
    }

    /**
     * What a lookup found, nearest first, with its longest chain of queries ({@code hops}), the requests
     * it sent to other nodes ({@code queries}) and its time inside the node.
     */
    public record FindNodeResponse(List<NodeRef> closest, int hops, int queries, double durationMs) {
    }

    /** The body of a store request. */
    public record ValueRequest(JsonNode value) {
    }

    /** A stored value. */
    public record ValueResponse(String key, JsonNode value, Integer replicas) {
    }

    @POST
    @Path("/find-node")
    public CompletionStage<FindNodeResponse> findNode(FindNodeRequest request) {
        if (request == null || !NodeId.isHex(request.target())) {
            throw new BadRequestException("'target' must be a node id of 40 hex digits");
        }
        long started = System.nanoTime();
        return node.running().dht().findNode(NodeId.fromHex(request.target()))
                .thenApply(result -> new FindNodeResponse(
                        result.closest().stream().map(c -> new NodeRef(c.id().toHex(), c.address())).toList(),
                        result.hops(), result.queries(), (System.nanoTime() - started) / 1e6));
    }

    /** The answer to a PUT of a key another publisher's live record holds: 409, naming the owner. */
    public record OwnedResponse(int status, String error, String owner) {
    }

    /**
     * Publishes the value under the key. 409 with the owner's node id when another publisher's live
     * record holds the key; 507 when this node's record store has no room for it (its own
     * publications count against its byte budgets); 400 when the value is longer than a node stores.
     */
    @PUT
    @Path("/values/{key}")
    public CompletionStage<ValueResponse> put(@PathParam("key") String key, ValueRequest request) {
        NodeId id = idOf(key);
        if (request == null || request.value() == null) {
            throw new BadRequestException("the body must be {\"value\": <any JSON>}");
        }
        String text = request.value().toString();
        return node.running().dht().store(id, text)
                .thenApply(replicas -> new ValueResponse(key, request.value(), replicas));
    }

    @GET
    @Path("/values/{key}")
    public CompletionStage<ValueResponse> get(@PathParam("key") String key) {
        return node.running().dht().findValue(idOf(key)).thenApply(result -> result.value()
                .map(text -> new ValueResponse(key, parse(text), null))
                .orElseThrow(() -> new NotFoundException("no value stored under '" + key + "'")));
    }

    @ServerExceptionMapper
    public Response owned(KeyOwnedException e) {
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON)
                .entity(new OwnedResponse(409, e.getMessage(), e.owner() == null ? null : e.owner().toHex()))
                .build();
    }

    private static NodeId idOf(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new BadRequestException("a key is 1.." + MAX_KEY_LENGTH + " characters");
        }
        return NodeId.sha1(key.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(text);
        }
    }
}
