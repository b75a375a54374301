package io.kadmesh.dht.rpc;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
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
import io.kadmesh.dht.protocol.Request;
import io.kadmesh.dht.protocol.ServiceReply;
import io.kadmesh.dht.protocol.Stored;
import io.kadmesh.dht.protocol.Value;
import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.LinkHandler;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Transport;
import io.kadmesh.spi.transport.Utf8;

/**
 * Request and response over a transport: links from a {@link LinkPool}; requests correlated
 * with their responses by id, and a response accepted only from the link (or authenticated peer) the
 * request went to; a timeout on every request; inbound requests answered by a
 * {@link RequestHandler}; bad frames answered with an error reply; on authenticated links, a
 * message whose sender is not the authenticated peer refused and the link closed. Traffic is
 * counted by {@link Traffic}, surplus links are chosen by {@link LinkTrimmer}, and every link is held
 * to its limits by {@link FloodGuard}.
 * <p>
 * Transport callbacks may come from any thread; every one is handed to the scheduler, so all state
 * here is touched by one thread at a time.
 */
public final class RpcEndpoint {

    /** Most times a request is sent again on a fresh link after its link closed under it. */
    static final int MAX_RESENDS = 2;

    /** A bad reply is dropped, never answered, so that two nodes cannot trade error replies forever. */
    private static final Set<String> REPLY_TYPES = Set.of(Pong.TYPE, Nodes.TYPE, Value.TYPE, Stored.TYPE,
            ServiceReply.TYPE, ErrorReply.TYPE);

    private final Contact self;
    private final Transport transport;
    private final MessageCodec codec;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Duration timeout;
    private final Answerer answerer;
    private final LinkLoss lost;
    private final LinkHandler handler = new Links();
    private final LinkPool links;
    private final Traffic traffic;
    private final LinkControls controls;
    private final FloodGuard flood;
    private final InboundQueues queues;
    private final Inbox inbox;
    private final Map<String, PendingRequest> pending = new HashMap<>();
    private final RpcCounters counters = new RpcCounters();
    private final RpcObserver observer;
    private long lastRequestId;
    private boolean stopped;

    /**
     * An endpoint for {@code self}. {@code lost} hears of every authenticated peer whose last link
     * closed, and whether it closed in order. Every link is held to
     * {@code limits}; {@code observer} hears every frame, link and request.
     */
    public RpcEndpoint(Contact self, Transport transport, MessageCodec codec, Scheduler scheduler, Clock clock,
            Duration timeout, RequestHandler requests, LinkLoss lost, FloodLimits limits,
            RpcObserver observer) {
        this.self = Objects.requireNonNull(self, "self must be set");
        this.transport = Objects.requireNonNull(transport, "transport must be set");
        this.codec = Objects.requireNonNull(codec, "codec must be set");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must be set");
        this.clock = Objects.requireNonNull(clock, "clock must be set");
        this.timeout = Objects.requireNonNull(timeout, "timeout must be set");
        this.answerer = new Answerer(self, codec, requests);
        this.lost = Objects.requireNonNull(lost, "lost must be set");
        this.links = new LinkPool(self.id().toHex(), transport, handler);
        this.traffic = new Traffic(clock);
        this.flood = new FloodGuard(self, codec, Objects.requireNonNull(limits, "limits must be set"), clock, counters);
        this.queues = new InboundQueues(limits.maxQueuedFrames());
        this.inbox = new Inbox(queues, scheduler, this::receive, flood::shed);
        this.controls = new LinkControls(self.id(), links, traffic, clock, queues,
                () -> pending.values().stream().map(request -> request.link).toList());
        this.observer = Objects.requireNonNull(observer, "observer must be set");
    }

    /** Starts answering inbound links. */
    public void start() {
        transport.listen(handler);
    }

    /**
     * Sends the request built by {@code build} (given a fresh request id) to {@code address}, over
     * the authenticated link of {@code peer} if one is open ({@code peer} may be null when the id is
     * not known yet). The future completes with the response, or fails with an
     * {@link RpcException}. Call on the scheduler.
     */
    public CompletableFuture<Message> request(String address, NodeId peer, Function<String, Message> build) {
        String requestId = Long.toString(++lastRequestId, 36);
        Message message = build.apply(requestId);
        String frame = codec.encode(message);
        PendingRequest request = new PendingRequest(address, peer == null ? null : peer.toHex(), frame,
                message.type(), clock.instant());
        if (stopped) {
            request.response.completeExceptionally(
                    new RpcException(RpcException.Kind.STOPPED, address, "node stopped", null));
            return request.response;
        }
        request.timeout = scheduler.schedule(timeout, () -> expire(requestId));
        request.response.whenComplete((response, failure) -> observer.requestEnded(request.type,
                failure instanceof RpcException e ? e.kind() : null, Duration.between(request.sentAt, clock.instant())));
        pending.put(requestId, request);
        counters.requestsSent++;
        links.linkTo(address, request.peerId)
                .whenComplete((link, failure) -> scheduler.execute(() -> send(requestId, link, failure)));
        return request.response;
    }

    private void send(String requestId, PeerLink link, Throwable dialFailure) {
        PendingRequest request = pending.get(requestId);
        if (request == null) {
            return;
        }
        if (dialFailure != null) {
            links.dialFailed(request.address);
            fail(requestId, RpcException.Kind.UNREACHABLE, "could not connect", dialFailure);
            return;
        }
        if (request.peerId == null) {
            request.peerId = link.peerId().orElse(null);
        }
        request.link = links.linkOf(request.peerId).orElse(link);
        PeerLink sentOn = request.link;
        sendFrame(sentOn, request.type, request.frame).whenComplete((ignored, sendFailure) -> {
            if (sendFailure != null) {
                scheduler.execute(() -> sendFailed(requestId, sentOn, sendFailure));
            }
        });
    }

    /** A send failed because its link is going away: the request goes once more, on a fresh link. */
    private void sendFailed(String requestId, PeerLink link, Throwable failure) {
        PendingRequest request = pending.get(requestId);
        if (request == null || request.link != link) {
            return;
        }
        observer.sendFailed(link.transportId());
        links.closed(link);
        if (!resend(requestId, request)) {
            fail(requestId, RpcException.Kind.UNREACHABLE, "send failed", failure);
        }
    }

    /**
     * Sends a request again on a fresh link, up to {@value #MAX_RESENDS} times: every request is
     * idempotent, and a link closed by either side while it was in flight (a duplicate, a peer over its
     * link limit trimming the newest links, as a lookup's are) is no reason to fail it. Returns false
     * when it was sent again that often already.
     */
    private boolean resend(String requestId, PendingRequest request) {
        if (request.resends == MAX_RESENDS) {
            return false;
        }
        request.resends++;
        request.link = null;
        links.linkTo(request.address, request.peerId)
                .whenComplete((fresh, failure) -> scheduler.execute(() -> send(requestId, fresh, failure)));
        return true;
    }

    /**
     * The request's time is up: it fails as {@code unreachable} when no link to the peer came up in
     * that time (the dial or the handshake hung, as at an address that accepts and never answers), as
     * {@code timeout} when it was sent and not answered.
     */
    private void expire(String requestId) {
        PendingRequest request = pending.get(requestId);
        if (request == null) {
            return;
        }
        counters.timeouts++;
        if (request.link == null) {
            fail(requestId, RpcException.Kind.UNREACHABLE, "no link within " + timeout.toMillis() + " ms", null);
        } else {
            fail(requestId, RpcException.Kind.TIMEOUT, "no response within " + timeout.toMillis() + " ms", null);
        }
    }

    private void fail(String requestId, RpcException.Kind kind, String detail, Throwable cause) {
        PendingRequest request = pending.remove(requestId);
        if (request != null) {
            if (kind == RpcException.Kind.UNREACHABLE) {
                counters.unreachable++;
            }
            request.fail(new RpcException(kind, request.address, detail, cause));
        }
    }

    private void receive(PeerLink link, String frame) {
        if (stopped) {
            return;
        }
        long bytes = link.isOpen() ? traffic.received(link, frame) : Utf8.length(frame);
        DecodeResult result = codec.decode(frame);
        if (result instanceof Decoded decoded) {
            Message message = decoded.message();
            observer.received(link.transportId(), message.type(), bytes);
            if (link.peerId().filter(id -> !id.equals(message.sender().id().toHex())).isPresent()) {
                refuseForgedSender(link, message);
            } else {
                links.heardFrom(link, message.sender());
                dispatch(link, message);
            }
        } else if (result instanceof DecodeError error) {
            observer.received(link.transportId(), null, bytes);
            counters.badFrames++;
            if (error.type() == null || !REPLY_TYPES.contains(error.type())) {
                reply(link, ErrorReply.from(error, self));
            } else {
                failOnBadReply(link, error);
            }
        }
    }

    /** A reply that does not decode fails its request at once, rather than at the timeout. */
    private void failOnBadReply(PeerLink link, DecodeError error) {
        PendingRequest request = error.requestId() == null ? null : pending.get(error.requestId());
        if (request != null && request.answerableOn(link)) {
            pending.remove(error.requestId());
            request.fail(new RpcException(RpcException.Kind.REMOTE_ERROR, request.address,
                    "bad reply: " + error.detail(), null));
        }
    }

    private void refuseForgedSender(PeerLink link, Message message) {
        counters.badFrames++;
        String reason = "sender " + message.sender().id() + " is not the peer this link authenticated";
        reply(link, new ErrorReply(message.requestId(), self, ErrorCode.REFUSED, reason));
        link.close(CloseCodes.POLICY_VIOLATION, "forged sender");
    }

    private void dispatch(PeerLink link, Message message) {
        if (message instanceof Request && !link.isOpen()) {
            return;
        }
        if (message instanceof Request) {
            Optional<String> overBudget = flood.spend(link, message);
            if (overBudget.isPresent()) {
                reply(link, new ErrorReply(message.requestId(), self, ErrorCode.RATE_LIMITED, overBudget.get()));
                flood.refused(link);
                return;
            }
            counters.requestsServed++;
            reply(link, answerer.answer(message));
            return;
        }
        PendingRequest request = pending.get(message.requestId());
        if (request == null || !request.answerableOn(link)) {
            counters.badFrames++;
            return;
        }
        pending.remove(message.requestId());
        if (message instanceof ErrorReply error) {
            request.fail(RpcException.answered(request.address, error));
        } else {
            request.complete(message);
        }
    }

    /** Sends {@code reply}; one that would exceed the frame limit goes as an error reply instead. */
    private void reply(PeerLink link, Message reply) {
        if (link.isOpen()) {
            sendFrame(link, reply.type(), answerer.frame(reply));
        }
    }

    /** Sends a frame, a message of wire type {@code type}, and counts it. */
    private CompletionStage<Void> sendFrame(PeerLink link, String type, String frame) {
        observer.sent(link.transportId(), type, traffic.sent(link, frame, !REPLY_TYPES.contains(type)));
        return link.send(frame);
    }

    private void opened(PeerLink link) {
        observer.linkOpened(link.transportId(), link.direction() == PeerLink.Direction.INBOUND);
        links.opened(link).ifPresent(loser -> {
            resendOnSurvivor(loser);
            loser.close(CloseCodes.NORMAL_CLOSURE, LinkPool.DUPLICATE_REASON);
        });
    }

    private void closed(PeerLink link, int code) {
        observer.linkClosed(link.transportId(), link.direction() == PeerLink.Direction.INBOUND);
        links.closed(link);
        traffic.forget(link);
        flood.forget(link);
        if (!stopped) {
            link.peerId().filter(id -> links.linkOf(id).isEmpty())
                    .ifPresent(id -> lost.lastLinkClosed(id, code == CloseCodes.NORMAL_CLOSURE));
        }
        resendOnSurvivor(link);
        for (Map.Entry<String, PendingRequest> entry : List.copyOf(pending.entrySet())) {
            PendingRequest request = entry.getValue();
            if (request.link == link && !resend(entry.getKey(), request)) {
                fail(entry.getKey(), RpcException.Kind.CLOSED, "link closed", null);
            }
        }
    }

    /** Moves the requests pending on {@code link} to another open link to the same peer, if there is one. */
    private void resendOnSurvivor(PeerLink link) {
        for (PendingRequest request : pending.values()) {
            if (request.link == link) {
                links.linkOf(request.peerId).filter(survivor -> survivor != link).ifPresent(survivor -> {
                    request.link = survivor;
                    sendFrame(survivor, request.type, request.frame);
                });
            }
        }
    }

    /** Closes every link and fails every pending request. Call on the scheduler. */
    public void stop() {
        stopped = true;
        links.openLinks().forEach(link -> link.close(CloseCodes.GOING_AWAY, "node stopping"));
        for (PendingRequest request : List.copyOf(pending.values())) {
            request.fail(new RpcException(RpcException.Kind.STOPPED, request.address, "node stopped", null));
        }
        pending.clear();
        transport.close();
    }

    /** Whether an authenticated link to {@code peer} is open now. Call on the scheduler. */
    public boolean hasLink(NodeId peer) {
        return peer != null && links.linkOf(peer.toHex()).isPresent();
    }

    /** Listing, trimming, releasing and dropping this node's links. */
    public LinkControls linkControls() {
        return controls;
    }

    /**
     * Allows {@code findNodesPerSecond} find_node and find_value requests per link and second from now on; on the scheduler.
     */
    public void retuneLookupRate(int findNodesPerSecond) {
        flood.retuneLookups(findNodesPerSecond);
    }

    /** The counters so far. */
    public RpcStats stats() {
        return counters.snapshot();
    }

    /** Hands every transport callback to the scheduler. */
    private final class Links implements LinkHandler {

        @Override
        public void onOpen(PeerLink link) {
            scheduler.execute(() -> opened(link));
        }

        /**
         * Queues the frame for the event loop, unless its link has too many waiting: then it is shed,
         * and the first of a run of shed frames is answered.
         */
        @Override
        public void onFrame(PeerLink link, String frame) {
            if (inbox.offer(link, frame)) {
                flood.noticeShed(link, observer);
            }
        }

        @Override
        public void onClose(PeerLink link, int code, String reason) {
            scheduler.execute(() -> closed(link, code));
        }
    }
}
