package io.kadmesh.dht.protocol;

import static io.kadmesh.dht.protocol.WireFormat.*;

import java.util.Base64;
import java.util.List;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.dht.storage.SignedRecord;

/**
 * Writes a message as one JSON object: type, requestId and sender first, then the type's own fields.
 * Writes the text itself, in the compact form of Jackson's generator (no spaces, strings escaped by
 * {@link JsonText}), into one buffer sized for the message: every RPC frame passes here.
 */
final class MessageWriter {

    // Field names quoted once, with the separator before them, rather than on every write.
    private static final String TYPE_NAME = "{" + quoted(TYPE);
    private static final String REQUEST_ID_NAME = "," + quoted(REQUEST_ID);
    private static final String SENDER_NAME = "," + quoted(SENDER);
    private static final String TARGET_NAME = "," + quoted(TARGET);
    private static final String KEY_NAME = "," + quoted(KEY);
    private static final String VALUE_NAME = "," + quoted(VALUE);
    private static final String NODES_NAME = "," + quoted(NODES);
    private static final String CODE_NAME = "," + quoted(CODE);
    private static final String MESSAGE_NAME = "," + quoted(MESSAGE);
    private static final String PUBLISHER_NAME = "," + quoted(PUBLISHER);
    private static final String PUBLIC_KEY_NAME = "," + quoted(PUBLIC_KEY);
    private static final String SEQ_NAME = "," + quoted(SEQ);
    private static final String EXPIRES_AT_NAME = "," + quoted(EXPIRES_AT);
    private static final String SIGNATURE_NAME = "," + quoted(SIGNATURE);
    private static final String SERVICE_NAME = "," + quoted(SERVICE);
    private static final String BODY_NAME = "," + quoted(BODY);
    private static final String NODE_ID_NAME = "{" + quoted(NODE_ID);
    private static final String ADDRESS_NAME = "," + quoted(ADDRESS);

    /** Room for the common fields, and for each contact beyond its address: ids, names, punctuation. */
    private static final int COMMON_LENGTH = 160;
    private static final int CONTACT_LENGTH = 80;

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private MessageWriter() {
    }

    /** The frame for {@code message}. */
    static String write(Message message) {
        StringBuilder out = new StringBuilder(capacityFor(message));
        field(out, TYPE_NAME, message.type());
        field(out, REQUEST_ID_NAME, message.requestId());
        out.append(SENDER_NAME);
        writeContact(out, message.sender());
        writeBody(out, message);
        out.append('}');
        return out.toString();
    }

    private static int capacityFor(Message message) {
        if (message instanceof Nodes m) {
            return COMMON_LENGTH + m.nodes().size() * (CONTACT_LENGTH + message.sender().address().length());
        }
        String body = message instanceof ServiceRequest m ? m.body()
                : message instanceof ServiceReply m ? m.body() : null;
        if (body != null) {
            // a body is JSON, whose quotes are escaped once more in the frame
            return COMMON_LENGTH + body.length() + body.length() / 8;
        }
        return 2 * COMMON_LENGTH;
    }

    private static void writeBody(StringBuilder out, Message message) {
        if (message instanceof FindNode m) {
            idField(out, TARGET_NAME, m.target());
        } else if (message instanceof Nodes m) {
            writeContacts(out, m.nodes());
        } else if (message instanceof FindValue m) {
            idField(out, KEY_NAME, m.key());
        } else if (message instanceof Value m) {
            writeRecord(out, m.record());
        } else if (message instanceof Store m) {
            writeRecord(out, m.record());
        } else if (message instanceof ServiceRequest m) {
            field(out, SERVICE_NAME, m.service());
            field(out, BODY_NAME, m.body());
        } else if (message instanceof ServiceReply m) {
            field(out, BODY_NAME, m.body());
        } else if (message instanceof ErrorReply m) {
            field(out, CODE_NAME, m.code().wireName());
            field(out, MESSAGE_NAME, m.message());
        }
        // ping, pong and stored carry nothing beyond the common fields
    }

    private static void writeRecord(StringBuilder out, SignedRecord record) {
        field(out, KEY_NAME, record.key().toHex());
        field(out, VALUE_NAME, record.value());
        field(out, PUBLISHER_NAME, record.publisher().toHex());
        field(out, PUBLIC_KEY_NAME, BASE64.encodeToString(record.publicKey()));
        out.append(SEQ_NAME).append(record.seq());
        out.append(EXPIRES_AT_NAME).append(record.expiresAt().toEpochMilli());
        field(out, SIGNATURE_NAME, BASE64.encodeToString(record.signature()));
    }

    private static void writeContacts(StringBuilder out, List<Contact> contacts) {
        out.append(NODES_NAME).append('[');
        for (int i = 0; i < contacts.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeContact(out, contacts.get(i));
        }
        out.append(']');
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(name);
        JsonText.appendString(out, value);
    }

    /** A field whose value is an id: its hex digits need no escaping, and are written without a string of their own. */
    private static void idField(StringBuilder out, String name, NodeId id) {
        out.append(name).append('"');
        id.appendHex(out);
        out.append('"');
    }

    private static void writeContact(StringBuilder out, Contact contact) {
        idField(out, NODE_ID_NAME, contact.id());
        field(out, ADDRESS_NAME, contact.address());
        out.append('}');
    }

    /** A field name as it stands before its value: quoted, then the colon. */
    private static String quoted(String name) {
        return '"' + name + "\":";
    }
}
