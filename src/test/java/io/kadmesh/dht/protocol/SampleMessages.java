package io.kadmesh.dht.protocol;

import java.util.ArrayList;
import java.util.List;

import io.kadmesh.dht.Contact;
import io.kadmesh.dht.NodeId;
import io.kadmesh.testing.Records;

/** Fixed messages of every type, for the codec tests. */
final class SampleMessages {

    static final NodeId ALICE_ID = NodeId.fromHex("a11ce00000000000000000000000000000000001");
    static final NodeId BOB_ID = NodeId.fromHex("b0b0000000000000000000000000000000000002");
    static final NodeId KEY = NodeId.fromHex("0123456789abcdef0123456789abcdef01234567");
    static final Contact ALICE = new Contact(ALICE_ID, "ws://127.0.0.1:8081");
    static final Contact BOB = new Contact(BOB_ID, "ws://127.0.0.1:8082");

    private SampleMessages() {
    }

    /** One message of each type, with the request id {@code a1}. */
    static List<Message> oneOfEach() {
        return List.of(
                new Ping("a1", ALICE),
                new Pong("a1", BOB),
                new FindNode("a1", ALICE, KEY),
                new Nodes("a1", BOB, List.of(ALICE, new Contact(KEY, "wss://node-17.example.org/dht"))),
                new FindValue("a1", ALICE, KEY),
                new Value("a1", BOB, Records.unsigned(KEY, "hello \"world\"\n\u00e9\u4e16")),
                new Store("a1", ALICE, Records.unsigned(KEY, "v")),
                new Stored("a1", BOB),
                new ServiceRequest("a1", ALICE, "pubsub", "{\"op\":\"unsub\",\"channel\":\"news\"}"),
                new ServiceReply("a1", BOB, "{\"messages\":[],\"data\":\"\u00e9\\\"\"}"),
                new ErrorReply("a1", BOB, ErrorCode.UNKNOWN_TYPE, "unknown message type: 'gossip'"));
    }

    /** {@code count} distinct contacts. */
    static List<Contact> contacts(int count) {
        List<Contact> contacts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            contacts.add(new Contact(NodeId.fromHex(String.format("%040x", i + 1)), "ws://10.0.0." + i + ":8080/dht"));
        }
        return contacts;
    }

    /** The sender object of {@link #ALICE} as it appears on the wire. */
    static String aliceJson() {
        return "{\"nodeId\":\"" + ALICE_ID.toHex() + "\",\"address\":\"ws://127.0.0.1:8081\"}";
    }
}
