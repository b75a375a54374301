package io.kadmesh.dht.protocol;

import static io.kadmesh.dht.protocol.WireFormat.*;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.storage.SignedRecord;

/** Writes a message as one JSON object: type, requestId and sender first, then the type's own fields. */
final class MessageWriter {

    // Field names quoted and escaped once, rather than on every write.
    private static final SerializableString TYPE_NAME = new SerializedString(TYPE);
    private static final SerializableString REQUEST_ID_NAME = new SerializedString(REQUEST_ID);
    private static final SerializableString SENDER_NAME = new SerializedString(SENDER);
    private static final SerializableString TARGET_NAME = new SerializedString(TARGET);
    private static final SerializableString KEY_NAME = new SerializedString(KEY);
    private static final SerializableString VALUE_NAME = new SerializedString(VALUE);
    private static final SerializableString NODES_NAME = new SerializedString(NODES);
    private static final SerializableString CODE_NAME = new SerializedString(CODE);
    private static final SerializableString MESSAGE_NAME = new SerializedString(MESSAGE);
    private static final SerializableString PUBLISHER_NAME = new SerializedString(PUBLISHER);
    private static final SerializableString PUBLIC_KEY_NAME = new SerializedString(PUBLIC_KEY);
    private static final SerializableString SEQ_NAME = new SerializedString(SEQ);
    private static final SerializableString EXPIRES_AT_NAME = new SerializedString(EXPIRES_AT);
    private static final SerializableString SIGNATURE_NAME = new SerializedString(SIGNATURE);
    private static final SerializableString NODE_ID_NAME = new SerializedString(NODE_ID);
    private static final SerializableString ADDRESS_NAME = new SerializedString(ADDRESS);

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private MessageWriter() {
    }

    /** The frame for {@code message}. */
    static String write(Message message) {
        StringWriter out = new StringWriter(160);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            field(json, TYPE_NAME, message.type());
            field(json, REQUEST_ID_NAME, message.requestId());
            json.writeFieldName(SENDER_NAME);
            writeContact(json, message.sender());
            writeBody(json, message);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter cannot fail", e);
        }
        return out.toString();
    }

    private static void writeBody(JsonGenerator json, Message message) throws IOException {
        if (message instanceof FindNode m) {
            field(json, TARGET_NAME, m.target().toHex());
        } else if (message instanceof Nodes m) {
            writeContacts(json, m.nodes());
        } else if (message instanceof FindValue m) {
            field(json, KEY_NAME, m.key().toHex());
        } else if (message instanceof Value m) {
            writeRecord(json, m.record());
        } else if (message instanceof Store m) {
            writeRecord(json, m.record());
        } else if (message instanceof ErrorReply m) {
            field(json, CODE_NAME, m.code().wireName());
            field(json, MESSAGE_NAME, m.message());
        }
        // ping, pong and stored carry nothing beyond the common fields
    }

    private static void writeRecord(JsonGenerator json, SignedRecord record) throws IOException {
        field(json, KEY_NAME, record.key().toHex());
        field(json, VALUE_NAME, record.value());
        field(json, PUBLISHER_NAME, record.publisher().toHex());
        field(json, PUBLIC_KEY_NAME, BASE64.encodeToString(record.publicKey()));
        json.writeFieldName(SEQ_NAME);
        json.writeNumber(record.seq());
        json.writeFieldName(EXPIRES_AT_NAME);
        json.writeNumber(record.expiresAt().toEpochMilli());
        field(json, SIGNATURE_NAME, BASE64.encodeToString(record.signature()));
    }

    private static void writeContacts(JsonGenerator json, List<Contact> contacts) throws IOException {
        json.writeFieldName(NODES_NAME);
        json.writeStartArray();
        for (Contact contact : contacts) {
            writeContact(json, contact);
        }
        json.writeEndArray();
    }

    private static void field(JsonGenerator json, SerializableString name, String value) throws IOException {
        json.writeFieldName(name);
        json.writeString(value);
    }

    private static void writeContact(JsonGenerator json, Contact contact) throws IOException {
        json.writeStartObject();
        field(json, NODE_ID_NAME, contact.id().toHex());
        field(json, ADDRESS_NAME, contact.address());
        json.writeEndObject();
    }
}
