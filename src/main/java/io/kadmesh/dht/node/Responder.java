package io.kadmesh.dht.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.KademliaParameters;
import io.kadmesh.dht.protocol.ErrorCode;
import io.kadmesh.dht.protocol.ErrorReply;
import io.kadmesh.dht.protocol.FindNode;
import io.kadmesh.dht.protocol.FindValue;
import io.kadmesh.dht.protocol.Message;
import io.kadmesh.dht.protocol.Nodes;
import io.kadmesh.dht.protocol.Ping;
import io.kadmesh.dht.protocol.Pong;
import io.kadmesh.dht.protocol.Store;
import io.kadmesh.dht.protocol.Stored;
import io.kadmesh.dht.protocol.Value;
import io.kadmesh.dht.routing.RoutingTable;
import io.kadmesh.dht.rpc.RequestHandler;
import io.kadmesh.dht.storage.RecordStore;
import io.kadmesh.dht.storage.StoredRecord;

/**
 * Answers the four Kademlia requests from the routing table and the record store. A stored value
 * lives for the time the store asks, {@code tExpire} at most: a replica keeps the expiry its
 * publisher gave it, however often it is replicated.
 */
final class Responder implements RequestHandler {

    private final Contact self;
    private final KademliaParameters parameters;
    private final RoutingTable routingTable;
    private final RecordStore records;
    private final Clock clock;

    Responder(Contact self, KademliaParameters parameters, RoutingTable routingTable, RecordStore records,
            Clock clock) {
        this.self = self;
        this.parameters = parameters;
        this.routingTable = routingTable;
        this.records = records;
        this.clock = clock;
    }

    @Override
    public Message handle(Message request) {
        if (request instanceof Ping ping) {
            return new Pong(ping.requestId(), self);
        } else if (request instanceof FindNode findNode) {
            return new Nodes(findNode.requestId(), self, routingTable.closest(findNode.target(), parameters.k()));
        } else if (request instanceof FindValue findValue) {
            return findValue(findValue);
        } else if (request instanceof Store store) {
            return store(store);
        }
        return new ErrorReply(request.requestId(), self, ErrorCode.UNKNOWN_TYPE,
                "'" + request.type() + "' is not a request");
    }

    private Message findValue(FindValue request) {
        return records.get(request.key(), clock.instant())
                .<Message> map(record -> new Value(request.requestId(), self, record.key(), record.value()))
                .orElseGet(() -> new Nodes(request.requestId(), self,
                        routingTable.closest(request.key(), parameters.k())));
    }

    private Message store(Store request) {
        if (request.value().length() > parameters.maxValueLength()) {
            return new ErrorReply(request.requestId(), self, ErrorCode.INVALID, "value is "
                    + request.value().length() + " characters, the limit is " + parameters.maxValueLength());
        }
        Instant now = clock.instant();
        Duration lifetime = request.ttl().compareTo(parameters.tExpire()) < 0 ? request.ttl() : parameters.tExpire();
        StoredRecord record = new StoredRecord(request.key(), request.value(), now, now.plus(lifetime), false);
        if (!records.put(record)) {
            return new ErrorReply(request.requestId(), self, ErrorCode.REFUSED, "record store is full");
        }
        return new Stored(request.requestId(), self);
    }
}
