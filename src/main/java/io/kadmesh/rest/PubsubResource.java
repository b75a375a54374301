package io.kadmesh.rest;

import java.time.Clock;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.kadmesh.node.NodeLifecycle;
import io.kadmesh.pubsub.Channel;
import io.kadmesh.pubsub.ChannelConflictException;
import io.kadmesh.pubsub.ChannelName;
import io.kadmesh.pubsub.Channels;

/** Pubsub channels ({@code docs/pubsub.md}): creating one, once, from any node. */
@Path("/api/pubsub")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PubsubResource {

    private final NodeLifecycle node;
    private final Clock clock;

    PubsubResource(NodeLifecycle node, Clock clock) {
        this.node = node;
        this.clock = clock;
    }

    /** The body of a create request. */
    public record CreateChannelRequest(String name) {
    }

    /** A channel: its name, when it was created (ISO-8601), and the node id of its creator. */
    public record ChannelResponse(String name, String createdAt, String creator) {

        static ChannelResponse of(Channel channel) {
            return new ChannelResponse(channel.name().value(), channel.createdAt().toString(),
                    channel.creator().toHex());
        }
    }

    /**
     * Creates the channel, or answers it as it was created when it exists: 201 for a channel this node
     * created now, 200 for one that existed; 400 for a bad name, 409 when the name's key holds a record
     * that is not this channel's.
     */
    @POST
    @Path("/channels")
    public CompletionStage<Response> create(CreateChannelRequest request) {
        if (request == null) {
            throw new BadRequestException("the body must be {\"name\": <channel name>}");
        }
        ChannelName name = new ChannelName(request.name());
        return new Channels(node.running().dht(), clock).create(name).thenApply(creation -> Response
                .status(creation.created() ? 201 : 200).entity(ChannelResponse.of(creation.channel())).build());
    }

    @ServerExceptionMapper
    public Response conflict(ChannelConflictException e) {
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorResponse(409, e.getMessage())).build();
    }
}
