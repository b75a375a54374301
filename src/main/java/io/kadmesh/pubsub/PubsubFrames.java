package io.kadmesh.pubsub;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.node.ServiceRefusedException;
import io.kadmesh.dht.protocol.ErrorCode;

/**
 * The bodies of the pubsub service's requests and replies ({@code docs/pubsub.md}, "Wire"): a JSON
 * object whose {@code op} names the operation. Reading never trusts the sender: anything missing, of
 * the wrong type or out of range is an {@code invalid} refusal that says what.
 */
final class PubsubFrames {

    /** The service name pubsub requests carry. */
    static final String SERVICE = "pubsub";
    /** Most message ids one {@code fetch} names: the longest gap a member waits for. */
    static final int MAX_FETCH = (int) PublisherOrder.MAX_GAP;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private PubsubFrames() {
    }

    /** A request body as read: its operation and the whole object, for the fields that operation uses. */
    record Request(String op, JsonNode body) {

        ChannelName channel() {
            String name = text(body, "channel");
            try {
                return new ChannelName(name);
            } catch (IllegalArgumentException e) {
                throw invalid("field 'channel': " + e.getMessage());
            }
        }

        PubsubMessage message() {
            return PubsubFrames.message(body.get("message"), "message");
        }

        /** The optional message id after which history is asked for. */
        String since() {
            JsonNode since = body.get("since");
            if (since == null || since.isNull()) {
                return null;
            }
            if (!since.isTextual() || !NodeId.isHex(since.asText())) {
                throw invalid("field 'since' must be a message id of 40 hex digits");
            }
            return since.asText();
        }

        /**
         * The optional instant, in epoch milliseconds, from which a member that took no message yet wants
         * what a root holds: when it first subscribed.
         */
        Instant from() {
            JsonNode from = body.get("from");
            if (from == null || from.isNull()) {
                return null;
            }
            if (!from.isIntegralNumber() || !from.canConvertToLong() || from.asLong() < 0) {
                throw invalid("field 'from' must be an instant in epoch milliseconds, 0 or more");
            }
            return Instant.ofEpochMilli(from.asLong());
        }

        /** The message ids a member asks for: 1 to {@value PubsubFrames#MAX_FETCH}, distinct. */
        Set<String> ids() {
            JsonNode ids = body.get("ids");
            if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > MAX_FETCH) {
                throw invalid("field 'ids' must be an array of 1 to " + MAX_FETCH + " message ids");
            }
            Set<String> wanted = new HashSet<>();
            for (JsonNode id : ids) {
                if (!id.isTextual() || !NodeId.isHex(id.asText())) {
                    throw invalid("field 'ids[]' must be message ids of 40 hex digits");
                }
                wanted.add(id.asText());
            }
            return wanted;
        }

        /** The contacts a forwarder passes a delivery on to; empty when none. */
        List<Contact> forward() {
            JsonNode forward = body.get("forward");
            if (forward == null || forward.isNull()) {
                return List.of();
            }
            if (!forward.isArray()) {
                throw invalid("field 'forward' must be an array of contacts");
            }
            List<Contact> contacts = new ArrayList<>();
            for (JsonNode contact : forward) {
                String id = text(contact, "nodeId");
                if (!NodeId.isHex(id)) {
                    throw invalid("field 'forward[].nodeId' must be 40 hex digits");
                }
                try {
                    contacts.add(new Contact(NodeId.fromHex(id), text(contact, "address")));
                } catch (IllegalArgumentException e) {
                    throw invalid("field 'forward[]': " + e.getMessage());
                }
            }
            return contacts;
        }
    }

    /** Reads a request body. */
    static Request read(String body) {
        JsonNode tree = object(body);
        return new Request(text(tree, "op"), tree);
    }

    private static JsonNode object(String body) {
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid("body is not JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw invalid("body must be a JSON object");
        }
        return tree;
    }

    static String request(String op, ChannelName channel) {
        return JSON.createObjectNode().put("op", op).put("channel", channel.value()).toString();
    }

    /** A request {@code op} on {@code channel}, naming {@code since}, the last message id taken, when it is set. */
    static String since(String op, ChannelName channel, String since) {
        return sinceBody(op, channel, since).toString();
    }

    /**
     * A member's subscription to {@code channel}, naming {@code since}, the last message id it took, or,
     * when it took none, {@code from}, when it first subscribed.
     */
    static String subscription(ChannelName channel, String since, Instant from) {
        ObjectNode body = sinceBody("sub", channel, since);
        if (since == null && from != null) {
            body.put("from", from.toEpochMilli());
        }
        return body.toString();
    }

    private static ObjectNode sinceBody(String op, ChannelName channel, String since) {
        ObjectNode body = JSON.createObjectNode().put("op", op).put("channel", channel.value());
        if (since != null) {
            body.put("since", since);
        }
        return body;
    }

    static String carrying(String op, PubsubMessage message) {
        ObjectNode body = JSON.createObjectNode().put("op", op);
        body.set("message", tree(message));
        return body.toString();
    }

    static String delivery(PubsubMessage message, List<Contact> forward) {
        ObjectNode body = JSON.createObjectNode().put("op", "deliver");
        body.set("message", tree(message));
        if (!forward.isEmpty()) {
            ArrayNode contacts = body.putArray("forward");
            forward.forEach(contact -> contacts.addObject().put("nodeId", contact.id().toHex()).put("address",
                    contact.address()));
        }
        return body.toString();
    }

    /** Tells a browser that its subscription holds at {@code roots} roots. */
    static String subscribed(ChannelName channel, int roots) {
        return JSON.createObjectNode().put("op", "subscribed").put("channel", channel.value()).put("roots", roots)
                .toString();
    }

    /** Asks a root for the messages {@code ids} of {@code channel}. */
    static String fetch(ChannelName channel, List<String> ids) {
        ObjectNode body = JSON.createObjectNode().put("op", "fetch").put("channel", channel.value());
        ArrayNode wanted = body.putArray("ids");
        ids.forEach(wanted::add);
        return body.toString();
    }

    /** Tells a browser that a root took the message {@code id} it published through this node. */
    static String publishConfirmed(ChannelName channel, String id) {
        return JSON.createObjectNode().put("op", "published").put("channel", channel.value()).put("id", id).toString();
    }

    /** Tells a browser that no root took the message {@code id} it published through this node, and why. */
    static String publishFailed(ChannelName channel, String id, String why) {
        return JSON.createObjectNode().put("op", "publish_failed").put("channel", channel.value()).put("id", id)
                .put("message", why).toString();
    }

    static String ok() {
        return "{}";
    }

    static String published(String id) {
        return JSON.createObjectNode().put("id", id).toString();
    }

    /** A reply carrying {@code messages}, oldest first, and whether more follow the last of them. */
    static String messages(List<PubsubMessage> messages, boolean more) {
        ObjectNode body = JSON.createObjectNode().put("more", more);
        ArrayNode array = body.putArray("messages");
        messages.forEach(message -> array.add(tree(message)));
        return body.toString();
    }

    /** The messages of a {@link #messages} reply; an unreadable one is an {@code invalid} refusal. */
    static List<PubsubMessage> messagesIn(String reply) {
        JsonNode messages = object(reply).get("messages");
        if (messages == null || !messages.isArray()) {
            throw invalid("field 'messages' must be an array");
        }
        List<PubsubMessage> read = new ArrayList<>();
        for (JsonNode message : messages) {
            read.add(message(message, "messages[]"));
        }
        return read;
    }

    static String idIn(String reply) {
        return text(object(reply), "id");
    }

    static ObjectNode tree(PubsubMessage message) {
        return JSON.createObjectNode().put("channel", message.channel().value())
                .put("publisher", message.publisher().toHex())
                .put("publicKey", BASE64.encodeToString(message.publicKey())).put("seq", message.seq())
                .put("publishedAt", message.publishedAt().toEpochMilli()).put("data", message.data())
                .put("signature", BASE64.encodeToString(message.signature()));
    }

    private static PubsubMessage message(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw invalid("field '" + path + "' must be a message object");
        }
        String publisher = text(node, "publisher");
        if (!NodeId.isHex(publisher)) {
            throw invalid("field '" + path + ".publisher' must be 40 hex digits");
        }
        try {
            return new PubsubMessage(new ChannelName(text(node, "channel")), NodeId.fromHex(publisher),
                    base64(node, "publicKey"), whole(node, "seq"), Instant.ofEpochMilli(whole(node, "publishedAt")),
                    text(node, "data"), base64(node, "signature"));
        } catch (IllegalArgumentException e) {
            throw invalid("field '" + path + "': " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid("field '" + field + "' must be a string");
        }
        return value.asText();
    }

    private static long whole(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            throw invalid("field '" + field + "' must be a whole number");
        }
        return value.asLong();
    }

    private static byte[] base64(JsonNode node, String field) {
        try {
            return Base64.getDecoder().decode(text(node, field));
        } catch (IllegalArgumentException e) {
            throw invalid("field '" + field + "' must be base64");
        }
    }

    static ServiceRefusedException invalid(String why) {
        return new ServiceRefusedException(ErrorCode.INVALID, why);
    }

    /** The refusal of an operation this protocol does not have; a long name is cut short. */
    static ServiceRefusedException unknownOp(String op) {
        return invalid("unknown pubsub op '" + (op.length() <= 32 ? op : op.substring(0, 32) + "...") + "'");
    }
}
