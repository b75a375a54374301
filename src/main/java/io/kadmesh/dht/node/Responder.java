package io.kadmesh.dht.node;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.protocol.ErrorCode;
import io.kadmesh.dht.protocol.ErrorReply;
import io.kadmesh.dht.protocol.FindNode;
import io.kadmesh.dht.protocol.FindValue;
import io.kadmesh.dht.protocol.Message;
import io.kadmesh.dht.protocol.Nodes;
import io.kadmesh.dht.protocol.Ping;
import io.kadmesh.dht.protocol.Pong;
import io.kadmesh.dht.protocol.ServiceRequest;
import io.kadmesh.dht.protocol.Store;
import io.kadmesh.dht.protocol.Stored;
import io.kadmesh.dht.protocol.Value;
import io.kadmesh.dht.routing.RoutingTable;
import io.kadmesh.dht.rpc.RequestHandler;
import io.kadmesh.dht.storage.RecordCheck;
import io.kadmesh.dht.storage.RecordStore;
import io.kadmesh.dht.storage.SignedRecord;
import io.kadmesh.dht.storage.StoreOutcome;
import io.kadmesh.dht.storage.StoredRecord;

/**
 * Answers the four Kademlia requests from the routing table and the record store, and hands service
 * requests to the service they name. A store is kept
 * only when its key is one this node is among the k closest to (as far as it knows), its record is
 * sound ({@link RecordCheck}), and the store takes it: the key's owner, a newer sequence number and
 * the byte budgets decide. The sender a replica is counted against is the message's sender, which on
 * an authenticated link is the peer the link proved.
 */
final class Responder implements RequestHandler {

    private final Contact self;
    private final KademliaParameters parameters;
    private final RoutingTable routingTable;
    private final RecordStore records;
    private final RecordCheck check;
    private final Services services;
    private final Clock clock;

    Responder(Contact self, KademliaParameters parameters, RoutingTable routingTable, RecordStore records,
            Services services, Clock clock) {
        this.self = self;
        this.services = services;
        this.parameters = parameters;
        this.routingTable = routingTable;
        this.records = records;
        this.check = new RecordCheck(parameters.tExpire());
        this.clock = clock;
    }

    @Override
    public Message handle(Message request) {
        if (request instanceof Ping ping) {
            return new Pong(ping.requestId(), self);
        } else if (request instanceof FindNode findNode) {
            return new Nodes(findNode.requestId(), self, closestKnown(findNode.target()));
        } else if (request instanceof FindValue findValue) {
            return findValue(findValue);
        } else if (request instanceof Store store) {
            return store(store);
        } else if (request instanceof ServiceRequest service) {
            return services.answer(service);
        }
        return new ErrorReply(request.requestId(), self, ErrorCode.UNKNOWN_TYPE,
                "'" + request.type() + "' is not a request");
    }

    private Message findValue(FindValue request) {
        return records.get(request.key(), clock.instant())
                .<Message> map(held -> new Value(request.requestId(), self, held.record()))
                .orElseGet(() -> new Nodes(request.requestId(), self, closestKnown(request.key())));
    }

    /**
     * The contacts a {@code nodes} reply carries: the closest known to {@code target}, twice k of them
     * (at most {@value Nodes#MAX_NODES}). The paper sends k; but a table holds contacts that died a
     * moment ago until its liveness checks find them out, and where a fifth of the nodes died at once,
     * a lookup that heard only k from each node it asked could miss live nodes just beyond the dead
     * ones, and return fewer than k (seen at 50 simulated nodes: about half the lookups in the first
     * seconds). The margin keeps lookups exact through such churn, for a few more contacts per reply.
     */
    private List<Contact> closestKnown(NodeId target) {
        return routingTable.closest(target, Math.min(2 * parameters.k(), Nodes.MAX_NODES));
    }

    private Message store(Store request) {
        SignedRecord record = request.record();
        if (record.value().length() > parameters.maxValueLength()) {
            return error(request, ErrorCode.INVALID, "value is " + record.value().length()
                    + " characters, the limit is " + parameters.maxValueLength());
        }
        if (!isAmongClosest(record.key())) {
            return error(request, ErrorCode.REFUSED, "key " + record.key() + " is far from this node: it knows "
                    + parameters.k() + " nodes closer to it");
        }
        Instant now = clock.instant();
        Optional<String> problem = check.problem(record, now);
        if (problem.isPresent()) {
            return error(request, ErrorCode.REFUSED, problem.get());
        }
        StoreOutcome outcome = records.put(new StoredRecord(record, request.sender().id(), now, false), now);
        if (outcome instanceof StoreOutcome.Owned owned) {
            return error(request, ErrorCode.OWNED, "key " + record.key() + " is held by publisher " + owned.owner()
                    + "; only it may replace its record before it expires");
        } else if (outcome instanceof StoreOutcome.Stale stale) {
            return error(request, ErrorCode.REFUSED, "this node holds sequence number " + stale.heldSeq()
                    + " of this publisher's record; a store must carry a higher one, got " + record.seq());
        } else if (outcome instanceof StoreOutcome.OverBudget full) {
            return error(request, ErrorCode.REFUSED, full.reason());
        }
        return new Stored(request.requestId(), self);
    }

    /** Whether this node is among the k closest to {@code key} of the nodes it knows, itself included. */
    private boolean isAmongClosest(NodeId key) {
        List<Contact> closest = routingTable.closest(key, parameters.k());
        return closest.size() < parameters.k()
                || key.compareDistance(self.id(), closest.get(closest.size() - 1).id()) < 0;
    }

    private ErrorReply error(Store request, ErrorCode code, String message) {
        return ErrorReply.answering(request, self, code, message);
    }
}
