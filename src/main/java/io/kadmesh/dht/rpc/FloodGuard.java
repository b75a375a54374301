package io.kadmesh.dht.rpc;

import java.time.Clock;
import java.util.Optional;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.protocol.ErrorCode;
import io.kadmesh.dht.protocol.ErrorReply;
import io.kadmesh.dht.protocol.Message;
import io.kadmesh.dht.protocol.MessageCodec;
import io.kadmesh.spi.transport.CloseCodes;
import io.kadmesh.spi.transport.PeerLink;
import io.kadmesh.spi.transport.Utf8;

/**
 * How the endpoint holds every link to its {@link FloodLimits}: each request spends the link's
 * budget, a frame shed unread gets the one notice that names no request, and a link refused far and
 * long beyond its limits is closed. Confined to the node's scheduler, but for the notice, which the
 * transport's thread sends.
 */
final class FloodGuard {

    private final RequestBudgets budgets;
    private final RpcCounters counters;
    /** The answer to a frame shed unread because its link has too many waiting: no request id to echo. */
    private final String queueFullReply;
    private final long queueFullReplyBytes;

    /** Holds links to {@code limits}; shed frames are counted in {@code counters}. */
    FloodGuard(Contact self, MessageCodec codec, FloodLimits limits, Clock clock, RpcCounters counters) {
        this.budgets = new RequestBudgets(limits, clock);
        this.counters = counters;
        this.queueFullReply = codec.encode(new ErrorReply(null, self, ErrorCode.RATE_LIMITED,
                "more than " + limits.maxQueuedFrames() + " frames of this link wait to be read; frame dropped"));
        this.queueFullReplyBytes = Utf8.length(queueFullReply);
    }

    /** Spends the budget of {@code link} on {@code request}; empty when it may be answered, else why not. */
    Optional<String> spend(PeerLink link, Message request) {
        return budgets.spend(link, request);
    }

    /** A frame of {@code link} dropped unread, its queue full: counted, and a refusal of the link. */
    void shed(PeerLink link) {
        counters.framesShed++;
        refused(link);
    }

    /** A link refused once more: closed with 1008 when it keeps flooding far beyond its limits. */
    void refused(PeerLink link) {
        if (link.isOpen() && budgets.outOfPatience(link)) {
            link.close(CloseCodes.POLICY_VIOLATION, "request rate limit exceeded far and long");
        }
    }

    /** Tells {@code link}'s peer that a frame of its was shed unread, and {@code observer} of the notice. */
    void noticeShed(PeerLink link, RpcObserver observer) {
        observer.sent(link.transportId(), ErrorReply.TYPE, queueFullReplyBytes);
        link.send(queueFullReply);
    }

    /** Allows {@code findNodesPerSecond} lookups per link and second from now on. */
    void retuneLookups(int findNodesPerSecond) {
        budgets.retuneLookups(findNodesPerSecond);
    }

    /** Drops what is kept of {@code link}, closed. */
    void forget(PeerLink link) {
        budgets.forget(link);
    }
}
