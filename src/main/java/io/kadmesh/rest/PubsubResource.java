package io.kadmesh.rest;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.node.ServiceRefusedException;
import io.kadmesh.node.LiveNode;
import io.kadmesh.node.NodeLifecycle;
import io.kadmesh.pubsub.Channel;
import io.kadmesh.pubsub.ChannelConflictException;
import io.kadmesh.pubsub.ChannelName;
import io.kadmesh.pubsub.Channels;
import io.kadmesh.pubsub.NoRootException;
import io.kadmesh.pubsub.Pubsub;
import io.kadmesh.spi.transport.Failures;
import io.smallrye.common.annotation.Blocking;

/**
 * Pubsub channels ({@code docs/pubsub.md}): creating one, once, from any node; publishing on it; and
 * following it as server-sent events. Publishing and following need a channel that was created.
 */
@Path("/api/pubsub")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PubsubResource {

    /** Channels this node remembers as created, so that publishing does not look each one up again. */
    private static final int MAX_KNOWN_CHANNELS = 10_000;
    /** Longest wait for the lookup that tells whether a followed channel was created. */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(15);

    private final NodeLifecycle node;
    private final Clock clock;
    private final Map<ChannelName, Channel> created = new ConcurrentHashMap<>();

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
        return new Channels(node.running().dht(), clock).create(name).thenApply(creation -> {
            created.put(name, creation.channel());
            return Response.status(creation.created() ? 201 : 200).entity(ChannelResponse.of(creation.channel()))
                    .build();
        });
    }

    /** The body of a publish request. */
    public record PublishRequest(String data) {
    }

    /** A published message's id. */
    public record Published(String id) {
    }

    /**
     * Publishes {@code data} on the channel, signed by this node: 201 with the message's id once one of
     * the channel's roots took it; 400 for a bad name or data (over 16 KiB of UTF-8), 404 for a channel
     * nobody created, 429 over the publish rate, 503 when no root could be reached.
     */
    @POST
    @Path("/channels/{name}/messages")
    public CompletionStage<Response> publish(@PathParam("name") String name, PublishRequest request) {
        if (request == null || request.data() == null) {
            throw new BadRequestException("the body must be {\"data\": <text>}");
        }
        ChannelName channel = new ChannelName(name);
        LiveNode live = node.running();
        return existing(live, channel).thenCompose(exists -> live.pubsub().publish(channel, request.data()))
                .thenApply(id -> Response.status(201).entity(new Published(id)).build());
    }

    /**
     * Follows the channel: every message published on it from now on, as one event each, whose id is
     * the message's and whose data is {@code {"id","publisher","data","publishedAt"}}. With
     * {@code Last-Event-ID}, first what came after that message, from the recent history. A
     * {@code subscribed} event says when the subscription holds at the channel's roots, and at how many.
     * A channel nobody created is a 404, a bad name or {@code Last-Event-ID} a 400, before the stream
     * starts. Runs on a worker thread, which waits for the channel's lookup.
     */
    @GET
    @Path("/channels/{name}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public void events(@PathParam("name") String name, @HeaderParam("Last-Event-ID") String lastEventId,
            @Context SseEventSink sink, @Context Sse sse) {
        ChannelName channel = new ChannelName(name);
        if (lastEventId != null && !NodeId.isHex(lastEventId)) {
            throw new BadRequestException("Last-Event-ID must be a message id of 40 hex digits");
        }
        LiveNode live = node.running();
        await(existing(live, channel));
        SseSubscriber subscriber = new SseSubscriber(sink, sse);
        subscriber.comment("following " + channel);
        live.pubsub().subscribe(channel, subscriber, lastEventId).whenComplete((roots, failure) -> {
            if (failure != null) {
                subscriber.notice("error", new ErrorResponse(503, Failures.cause(failure).getMessage()));
                sink.close();
            } else {
                subscriber.notice("subscribed", new Subscribed(roots));
            }
        });
    }

    /**
     * Waits, on this worker thread, for the channel's check, so that a channel nobody created is a 404
     * before the event stream starts.
     */
    private static <T> T await(CompletableFuture<T> check) {
        try {
            return check.get(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = Failures.cause(e.getCause());
            throw cause instanceof RuntimeException failure ? failure : new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new ServiceUnavailableException("the channel could not be looked up within " + CHECK_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted");
        }
    }

    /** The {@code subscribed} event's data: how many of the channel's roots took the subscription. */
    public record Subscribed(int roots) {
    }

    /** Completes when the channel was created; fails with a {@link NotFoundException} when nobody did. */
    private CompletableFuture<Channel> existing(LiveNode live, ChannelName channel) {
        Channel known = created.get(channel);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return new Channels(live.dht(), clock).find(channel).thenApply(found -> {
            Channel exists = found.orElseThrow(() -> new NotFoundException("channel '" + channel
                    + "' does not exist: create it with POST /api/pubsub/channels"));
            if (created.size() < MAX_KNOWN_CHANNELS) {
                created.put(channel, exists);
            }
            return exists;
        });
    }

    /** 400, 429 or 502 for a refusal by this node or a root; 503 when no root could be reached. */
    @ServerExceptionMapper
    public Response refused(ServiceRefusedException e) {
        int status = switch (e.code()) {
            case INVALID -> 400;
            case RATE_LIMITED -> 429;
            default -> 502;
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorResponse(status,
                e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response noRoot(NoRootException e) {
        return Response.status(503).type(MediaType.APPLICATION_JSON).entity(new ErrorResponse(503, e.getMessage()))
                .build();
    }

    @ServerExceptionMapper
    public Response conflict(ChannelConflictException e) {
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorResponse(409, e.getMessage())).build();
    }
}
