package io.kadmesh.dht.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.testing.Records;

/**
 * The frames {@link MessageWriter} writes are, character for character, those Jackson's generator
 * writes for the same fields in the same order: the wire format the protocol has always had.
 */
class MessageWriterTest {

    private static final JsonFactory JACKSON = new JsonFactory();

    private final SplittableRandom random = new SplittableRandom(9);

    @Test
    void mustWriteEachMessageTypeAsJacksonDoes() {
        for (Message message : SampleMessages.oneOfEach()) {
            assertEquals(jackson(message), MessageWriter.write(message), message.type());
        }
    }

    @Test
    void mustEscapeEveryCharacterAsJacksonDoes() {
        StringBuilder everyChar = new StringBuilder();
        for (char c = 1; c < 0x800; c++) {
            everyChar.append(c);
        }
        everyChar.append("\u0000\ud800\udc00\udfff\ud83d\ude00\uffff\ud800");
        Message message = new ErrorReply(null, SampleMessages.ALICE, ErrorCode.INVALID, everyChar.toString());
        assertEquals(jackson(message), MessageWriter.write(message));
    }

    @Test
    void mustWriteRandomContactsAndTextAsJacksonDoes() {
        for (int i = 0; i < 300; i++) {
            List<Contact> nodes = new ArrayList<>();
            int count = random.nextInt(Nodes.MAX_NODES + 1);
            for (int n = 0; n < count; n++) {
                nodes.add(new Contact(NodeId.random(random), "x" + randomText(12)));
            }
            Contact sender = new Contact(NodeId.random(random), "x" + randomText(30));
            for (Message message : List.of(new Nodes("r" + i, sender, nodes),
                    new ErrorReply("e" + i, sender, ErrorCode.REFUSED, randomText(40)),
                    new Value("v" + i, sender, Records.unsigned(NodeId.random(random), randomText(50))))) {
                assertEquals(jackson(message), MessageWriter.write(message), message.type());
            }
        }
    }

    private String randomText(int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(4);
            text.append((char) (kind == 0 ? random.nextInt(0x20)
                    : kind == 1 ? random.nextInt(0x10000)
                            : 0x20 + random.nextInt(0x60)));
        }
        return text.toString();
    }

    /** The frame as Jackson's streaming generator writes it, fields in the protocol's order. */
    private static String jackson(Message message) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JACKSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", message.type());
            json.writeStringField("requestId", message.requestId());
            json.writeFieldName("sender");
            contact(json, message.sender());
            body(json, message);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void body(JsonGenerator json, Message message) throws IOException {
        if (message instanceof FindNode m) {
            json.writeStringField("target", m.target().toHex());
        } else if (message instanceof FindValue m) {
            json.writeStringField("key", m.key().toHex());
        } else if (message instanceof Nodes m) {
            json.writeArrayFieldStart("nodes");
            for (Contact contact : m.nodes()) {
                contact(json, contact);
            }
            json.writeEndArray();
        } else if (message instanceof Value m) {
            record(json, m.record());
        } else if (message instanceof Store m) {
            record(json, m.record());
        } else if (message instanceof ServiceRequest m) {
            json.writeStringField("service", m.service());
            json.writeStringField("body", m.body());
        } else if (message instanceof ServiceReply m) {
            json.writeStringField("body", m.body());
        } else if (message instanceof ErrorReply m) {
            json.writeStringField("code", m.code().wireName());
            json.writeStringField("message", m.message());
        }
    }

    private static void record(JsonGenerator json, io.kadmesh.dht.storage.SignedRecord record) throws IOException {
        java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
        json.writeStringField("key", record.key().toHex());
        json.writeStringField("value", record.value());
        json.writeStringField("publisher", record.publisher().toHex());
        json.writeStringField("publicKey", base64.encodeToString(record.publicKey()));
        json.writeNumberField("seq", record.seq());
        json.writeNumberField("expiresAt", record.expiresAt().toEpochMilli());
        json.writeStringField("signature", base64.encodeToString(record.signature()));
    }

    private static void contact(JsonGenerator json, Contact contact) throws IOException {
        json.writeStartObject();
        json.writeStringField("nodeId", contact.id().toHex());
        json.writeStringField("address", contact.address());
        json.writeEndObject();
    }
}
