package io.kadmesh.dht.rpc;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.Scheduler;
import io.kadmesh.dht.protocol.DecodeError;
import io.kadmesh.dht.protocol.DecodeResult;
import io.kadmesh.dht.protocol.Decoded;
import io.kadmesh.dht.protocol.ErrorCode;
import io.kadmesh.dht.protocol.ErrorReply;
import io.kadmesh.dht.protocol.Message;
import io.kadmesh.dht.protocol.MessageCodec;
import io.kadmesh.dht.protocol.Nodes;
import io.kadmesh.dht.protocol.Pong;
import io.kadmesh.dht.protocol.Stored;
import io.kadmesh.dht.protocol.Value;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Transport;

/**
 * Request and response over a transport: one outbound link per address, dialed on first use and
 * reused; requests correlated with their responses by id; a timeout on every request; inbound
 * requests answered by a {@link RequestHandler}, bad frames by an error reply.
 * <p>
 * Transport callbacks may come from any thread; every one is handed to the scheduler, so all state
 * here is touched by one thread at a time.
 */
public final class RpcEndpoint {

    /** A bad reply is dropped, never answered, so that two nodes cannot trade error replies forever. */
    private static final Set<String> REPLY_TYPES = Set.of(Pong.TYPE, Nodes.TYPE, Value.TYPE, Stored.TYPE,
            ErrorReply.TYPE);

    private final Contact self;
    private final Transport transport;
    private final MessageCodec codec;
    private final Scheduler scheduler;
    private final Duration timeout;
    private final RequestHandler requests;
    private final LinkHandler links = new Links();
    private final Map<String, CompletableFuture<PeerLink>> outbound = new HashMap<>();
    private final Map<String, PendingRequest> pending = new HashMap<>();
    private long lastRequestId;
    private long requestsSent;
    private long requestsServed;
    private long timeouts;
    private long unreachable;
    private long badFrames;
    private boolean stopped;

    public RpcEndpoint(Contact self, Transport transport, MessageCodec codec, Scheduler scheduler, Duration timeout,
            RequestHandler requests) {
        this.self = Objects.requireNonNull(self, "self must be set");
        this.transport = Objects.requireNonNull(transport, "transport must be set");
        this.codec = Objects.requireNonNull(codec, "codec must be set");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must be set");
        this.timeout = Objects.requireNonNull(timeout, "timeout must be set");
        this.requests = Objects.requireNonNull(requests, "requests must be set");
    }

    /** Starts answering inbound links. */
    public void start() {
        transport.listen(links);
    }

    /**
     * Sends the request built by {@code build} (given a fresh request id) to {@code address}. The
     * future completes with the response, or fails with an {@link RpcException}. Call on the
     * scheduler.
     */
    public CompletableFuture<Message> request(String address, Function<String, Message> build) {
        String requestId = Long.toString(++lastRequestId, 36);
        CompletableFuture<Message> response = new CompletableFuture<>();
        if (stopped) {
            response.completeExceptionally(new RpcException(RpcException.Kind.STOPPED, address, "node stopped", null));
            return response;
        }
        String frame = codec.encode(build.apply(requestId));
        Scheduler.Timer timer = scheduler.schedule(timeout, () -> expire(requestId));
        pending.put(requestId, new PendingRequest(address, response, timer));
        requestsSent++;
        link(address).whenComplete((link, failure) -> scheduler.execute(() -> send(requestId, link, frame, failure)));
        return response;
    }

    private CompletableFuture<PeerLink> link(String address) {
        CompletableFuture<PeerLink> link = outbound.get(address);
        boolean usable = link != null && (!link.isDone() || !link.isCompletedExceptionally() && link.join().isOpen());
        if (!usable) {
            link = transport.dial(address, links).toCompletableFuture();
            outbound.put(address, link);
        }
        return link;
    }

    private void send(String requestId, PeerLink link, String frame, Throwable dialFailure) {
        PendingRequest request = pending.get(requestId);
        if (request == null) {
            return;
        }
        if (dialFailure != null) {
            outbound.remove(request.address());
            fail(requestId, RpcException.Kind.UNREACHABLE, "could not connect", dialFailure);
            return;
        }
        link.send(frame).whenComplete((ignored, sendFailure) -> {
            if (sendFailure != null) {
                scheduler.execute(() -> fail(requestId, RpcException.Kind.UNREACHABLE, "send failed", sendFailure));
            }
        });
    }

    private void expire(String requestId) {
        if (pending.containsKey(requestId)) {
            timeouts++;
            fail(requestId, RpcException.Kind.TIMEOUT, "no response within " + timeout.toMillis() + " ms", null);
        }
    }

    private void fail(String requestId, RpcException.Kind kind, String detail, Throwable cause) {
        PendingRequest request = pending.remove(requestId);
        if (request != null) {
            if (kind == RpcException.Kind.UNREACHABLE) {
                unreachable++;
            }
            request.fail(new RpcException(kind, request.address(), detail, cause));
        }
    }

    private void receive(PeerLink link, String frame) {
        if (stopped) {
            return;
        }
        DecodeResult result = codec.decode(frame);
        if (result instanceof Decoded decoded) {
            dispatch(link, decoded.message());
        } else if (result instanceof DecodeError error) {
            badFrames++;
            if (!REPLY_TYPES.contains(error.type())) {
                reply(link, ErrorReply.from(error, self));
            }
        }
    }

    private void dispatch(PeerLink link, Message message) {
        if (message.isRequest()) {
            requestsServed++;
            reply(link, answer(message));
            return;
        }
        PendingRequest request = pending.get(message.requestId());
        boolean ours = request != null && link.direction() == PeerLink.Direction.OUTBOUND
                && request.address().equals(link.remoteAddress());
        if (!ours) {
            badFrames++;
            return;
        }
        pending.remove(message.requestId());
        if (message instanceof ErrorReply error) {
            request.fail(new RpcException(RpcException.Kind.REMOTE_ERROR, request.address(),
                    error.code() + ": " + error.message(), null));
        } else {
            request.complete(message);
        }
    }

    private Message answer(Message request) {
        try {
            return requests.handle(request);
        } catch (RuntimeException e) {
            return new ErrorReply(request.requestId(), self, ErrorCode.INTERNAL, "request failed: " + e.getMessage());
        }
    }

    private void reply(PeerLink link, Message reply) {
        if (link.isOpen()) {
            link.send(codec.encode(reply));
        }
    }

    private void closed(PeerLink link) {
        if (link.direction() != PeerLink.Direction.OUTBOUND) {
            return;
        }
        String address = link.remoteAddress();
        CompletableFuture<PeerLink> current = outbound.get(address);
        if (current != null && current.isDone() && !current.isCompletedExceptionally() && current.join() == link) {
            outbound.remove(address);
        }
        Iterator<Map.Entry<String, PendingRequest>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            PendingRequest request = it.next().getValue();
            if (request.address().equals(address)) {
                it.remove();
                request.fail(new RpcException(RpcException.Kind.CLOSED, address, "link closed", null));
            }
        }
    }

    /** Closes every outbound link and fails every pending request. Call on the scheduler. */
    public void stop() {
        stopped = true;
        for (CompletableFuture<PeerLink> link : outbound.values()) {
            link.thenAccept(open -> open.close(1001, "node stopping"));
        }
        outbound.clear();
        for (PendingRequest request : pending.values()) {
            request.fail(new RpcException(RpcException.Kind.STOPPED, request.address(), "node stopped", null));
        }
        pending.clear();
        transport.close();
    }

    /** The counters so far. */
    public RpcStats stats() {
        return new RpcStats(requestsSent, requestsServed, timeouts, unreachable, badFrames);
    }

    /** Hands every transport callback to the scheduler. */
    private final class Links implements LinkHandler {

        @Override
        public void onOpen(PeerLink link) {
            // Nothing to do until the first frame: the sender's identity travels in every message.
        }

        @Override
        public void onFrame(PeerLink link, String frame) {
            scheduler.execute(() -> receive(link, frame));
        }

        @Override
        public void onClose(PeerLink link, int code, String reason) {
            scheduler.execute(() -> closed(link));
        }
    }
}
