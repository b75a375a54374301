package io.kadmesh.dht.protocol;

import static io.kadmesh.dht.protocol.SampleMessages.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.kadmesh.dht.Contact;
import io.kadmesh.testing.Records;

class MessageCodecTest {

    private final MessageCodec codec = new MessageCodec();

    @Test
    void mustDecodeEveryEncodedMessageToAnEqualMessage() {
        for (Message message : oneOfEach()) {
            DecodeResult result = codec.decode(codec.encode(message));
            assertEquals(new Decoded(message), result, message.type());
        }
    }

    @Test
    void mustWriteTheDocumentedWireShape() {
        String frame = codec.encode(new FindNode("a1", ALICE, KEY));
        assertEquals("{\"type\":\"find_node\",\"requestId\":\"a1\",\"sender\":" + aliceJson()
                + ",\"target\":\"0123456789abcdef0123456789abcdef01234567\"}", frame);
    }

    @Test
    void mustWriteNodesAsAnArrayOfContactsInOrder() {
        String frame = codec.encode(new Nodes("a1", ALICE, List.of(ALICE, BOB)));
        assertEquals("{\"type\":\"nodes\",\"requestId\":\"a1\",\"sender\":" + aliceJson() + ",\"nodes\":["
                + aliceJson() + ",{\"nodeId\":\"" + BOB_ID.toHex() + "\",\"address\":\"ws://127.0.0.1:8082\"}]}",
                frame);
    }

    @Test
    void mustWriteErrorCodesInLowercase() {
        String frame = codec.encode(new ErrorReply("a1", ALICE, ErrorCode.UNKNOWN_TYPE, "no such type"));
        assertTrue(frame.endsWith(",\"code\":\"unknown_type\",\"message\":\"no such type\"}"), frame);
    }

    @Test
    void mustWriteAMissingRequestIdOfAnErrorReplyAsNull() {
        ErrorReply reply = new ErrorReply(null, ALICE, ErrorCode.MALFORMED, "frame is empty");
        String frame = codec.encode(reply);
        assertTrue(frame.startsWith("{\"type\":\"error\",\"requestId\":null,"), frame);
        assertEquals(new Decoded(reply), codec.decode(frame));
    }

    @Test
    void mustRoundTripTheLargestNodesReply() {
        Nodes nodes = new Nodes("full", ALICE, contacts(Nodes.MAX_NODES));
        assertEquals(new Decoded(nodes), codec.decode(codec.encode(nodes)));
    }

    @Test
    void mustRoundTripValuesWithControlCharactersQuotesAndUnicode() {
        String value = "\u0000\u001f\"\\/\t\r\n\u2028 \ud83d\ude00 {\"json\":[1,2]}";
        Store store = new Store("s-1", ALICE, Records.unsigned(KEY, value));
        assertEquals(new Decoded(store), codec.decode(codec.encode(store)));
    }

    @Test
    void mustRoundTripAnEmptyValueAndAnEmptyNodesList() {
        Value empty = new Value("v_1", BOB, Records.unsigned(KEY, ""));
        Nodes none = new Nodes("n-1", BOB, List.of());
        assertEquals(new Decoded(empty), codec.decode(codec.encode(empty)));
        assertEquals(new Decoded(none), codec.decode(codec.encode(none)));
    }

    @Test
    void mustAcceptUppercaseHexNodeIds() {
        String frame = "{\"type\":\"find_value\",\"requestId\":\"a1\",\"sender\":{\"nodeId\":\""
                + ALICE_ID.toHex().toUpperCase() + "\",\"address\":\"ws://127.0.0.1:8081\"},\"key\":\""
                + KEY.toHex().toUpperCase() + "\"}";
        assertEquals(new Decoded(new FindValue("a1", ALICE, KEY)), codec.decode(frame));
    }

    @Test
    void mustAcceptFieldsInAnyOrderAndWhitespaceBetweenTokens() {
        String frame = " {\n \"target\" : \"" + KEY.toHex() + "\",\t\"sender\":" + aliceJson()
                + ", \"requestId\":\"a1\", \"type\":\"find_node\" }\r\n";
        assertEquals(new Decoded(new FindNode("a1", ALICE, KEY)), codec.decode(frame));
    }

    @Test
    void mustIgnoreUnknownFieldsAtEveryLevel() {
        String frame = "{\"version\":2,\"type\":\"nodes\",\"extra\":{\"deep\":[1,{\"a\":null}]},\"requestId\":\"a1\","
                + "\"sender\":{\"nodeId\":\"" + ALICE_ID.toHex() + "\",\"address\":\"ws://127.0.0.1:8081\",\"rtt\":3},"
                + "\"nodes\":[{\"hint\":true,\"nodeId\":\"" + BOB_ID.toHex() + "\",\"address\":\"ws://127.0.0.1:8082\"}]}";
        assertEquals(new Decoded(new Nodes("a1", ALICE, List.of(BOB))), codec.decode(frame));
    }

    @Test
    void mustIgnoreFieldsOtherMessageTypesUseWhenTheirValuesAreOutOfRange() {
        String frame = "{\"type\":\"ping\",\"requestId\":\"a1\",\"sender\":" + aliceJson()
                + ",\"target\":\"not hex\",\"code\":\"nonsense\"}";
        assertEquals(new Decoded(new Ping("a1", ALICE)), codec.decode(frame));
    }

    @Test
    void mustEncodeAndDecodeFromManyThreadsAtOnce() throws Exception {
        List<Message> messages = oneOfEach();
        List<String> expected = messages.stream().map(codec::encode).toList();
        List<Thread> threads = new ArrayList<>();
        AtomicInteger mismatches = new AtomicInteger();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    int n = i % messages.size();
                    if (!codec.encode(messages.get(n)).equals(expected.get(n))
                            || !(codec.decode(expected.get(n)) instanceof Decoded)) {
                        mismatches.incrementAndGet();
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(0, mismatches.get());
    }

    @Test
    void mustRefuseToEncodeAMessageLongerThanTheFrameLimit() {
        MessageCodec small = new MessageCodec(100);
        Store store = new Store("a1", ALICE, Records.unsigned(KEY, "x".repeat(100)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> small.encode(store));
        assertTrue(e.getMessage().contains("over the frame limit of 100"), e.getMessage());
    }

    @Test
    void mustRejectANonPositiveFrameLimitNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MessageCodec(0));
        assertTrue(e.getMessage().startsWith("maxFrameBytes"), e.getMessage());
        assertEquals(256 * 1024, new MessageCodec().maxFrameBytes());
    }

    @Test
    void mustRejectEncodingNull() {
        assertThrows(NullPointerException.class, () -> codec.encode(null));
    }

    @Test
    void mustTurnADecodeErrorIntoAnErrorReplyFromSelf() {
        DecodeError error = (DecodeError) codec.decode("{\"type\":\"gossip\",\"requestId\":\"q7\"}");
        ErrorReply reply = ErrorReply.from(error, BOB);
        assertEquals(new ErrorReply("q7", BOB, ErrorCode.UNKNOWN_TYPE, "unknown message type: 'gossip'"), reply);
        Contact self = ALICE;
        assertEquals(new ErrorReply("a1", self, ErrorCode.REFUSED, "value too large"),
                ErrorReply.answering(new Store("a1", BOB, Records.unsigned(KEY, "v")), self, ErrorCode.REFUSED,
                        "value too large"));
    }
}
