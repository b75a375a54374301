package io.kadmesh.dht.protocol;

import static io.kadmesh.dht.protocol.SampleMessages.*;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Frames that are not a JSON object of the right shape, too long, or cut short. */
class MessageCodecMalformedTest {

    private final MessageCodec codec = new MessageCodec();

    private DecodeError error(String frame) {
        DecodeResult result = codec.decode(frame);
        return assertInstanceOf(DecodeError.class, result, () -> "decoded " + result);
    }

    private void assertError(ErrorCode code, String frame) {
        DecodeError error = error(frame);
        assertEquals(code, error.code(), error::detail);
        assertFalse(error.detail().isBlank());
    }

    @Test
    void mustRejectNullAndEmptyFramesAsMalformed() {
        assertEquals(new DecodeError(ErrorCode.MALFORMED, "frame is null", null, null), codec.decode(null));
        assertEquals(new DecodeError(ErrorCode.MALFORMED, "frame is empty", null, null), codec.decode(""));
        assertEquals(new DecodeError(ErrorCode.MALFORMED, "frame is empty", null, null), codec.decode(" \n\t"));
    }

    @Test
    void mustRejectTextThatIsNotJsonAsMalformed() {
        assertError(ErrorCode.MALFORMED, "hello");
        assertError(ErrorCode.MALFORMED, "{type: 'ping'}");
        assertError(ErrorCode.MALFORMED, "{\"type\":\"ping\",}");
        assertError(ErrorCode.MALFORMED, "{\"type\":\"ping\" /* comment */}");
        assertError(ErrorCode.MALFORMED, "\u0000\u0001\u00ff\ufffd\ud800");
    }

    @Test
    void mustRejectJsonThatIsNotAnObjectAsMalformed() {
        assertEquals("frame must be a JSON object, got an array", error("[1,2]").detail());
        assertEquals("frame must be a JSON object, got a number", error("42").detail());
        assertEquals("frame must be a JSON object, got a string", error("\"ping\"").detail());
        assertEquals("frame must be a JSON object, got null", error("null").detail());
        assertEquals("frame must be a JSON object, got a boolean", error("true").detail());
    }

    @Test
    void mustRejectContentAfterTheObjectAsMalformed() {
        String ping = codec.encode(new Ping("a1", ALICE));
        DecodeError twoObjects = error(ping + ping);
        assertEquals(ErrorCode.MALFORMED, twoObjects.code());
        assertEquals("a1", twoObjects.requestId());
        assertError(ErrorCode.MALFORMED, ping + " x");
    }

    @Test
    void mustRejectFieldsOfTheWrongJsonTypeAsMalformedNamingTheField() {
        String sender = ",\"sender\":" + aliceJson();
        assertEquals("field 'requestId' must be a string, got a number",
                error("{\"type\":\"ping\",\"requestId\":7" + sender + "}").detail());
        assertEquals("field 'sender' must be an object, got a string",
                error("{\"type\":\"ping\",\"requestId\":\"a1\",\"sender\":\"alice\"}").detail());
        assertEquals("field 'target' must be a string, got an array",
                error("{\"type\":\"find_node\",\"requestId\":\"a1\"" + sender + ",\"target\":[]}").detail());
        assertEquals("field 'nodes' must be an array, got an object",
                error("{\"type\":\"nodes\",\"requestId\":\"a1\"" + sender + ",\"nodes\":{}}").detail());
        assertEquals("field 'nodes[1]' must be an object, got null",
                error("{\"type\":\"nodes\",\"requestId\":\"a1\"" + sender + ",\"nodes\":[" + aliceJson() + ",null]}")
                        .detail());
        assertEquals("field 'sender.nodeId' must be a string, got a boolean",
                error("{\"type\":\"pong\",\"requestId\":\"a1\",\"sender\":{\"nodeId\":true,\"address\":\"x\"}}").detail());
        assertEquals("field 'type' must be a string, got a number", error("{\"type\":1}").detail());
        String store = "{\"type\":\"store\",\"requestId\":\"a1\"" + sender + ",\"key\":\"" + KEY.toHex()
                + "\",\"value\":\"v\"";
        assertEquals("field 'seq' must be a number, got a string", error(store + ",\"seq\":\"60000\"}").detail());
        assertEquals("field 'expiresAt' must be a whole number, got a fraction",
                error(store + ",\"expiresAt\":1.5}").detail());
        assertEquals("field 'publicKey' must be a string, got a number", error(store + ",\"publicKey\":5}").detail());
        assertEquals(ErrorCode.MALFORMED, error("{\"type\":\"ping\",\"requestId\":\"a1\"" + sender
                + ",\"seq\":true}").code(), "a wrong type is malformed even where the message does not use the field");
    }

    @Test
    void mustEchoTheRequestIdAndTypeWhenAFieldHasTheWrongTypeWhereverItStands() {
        DecodeError error = error("{\"target\":5,\"sender\":" + aliceJson() + ",\"requestId\":\"r9\",\"type\":\"find_node\"}");
        assertEquals(new DecodeError(ErrorCode.MALFORMED, "field 'target' must be a string, got a number", "r9",
                "find_node"), error);
    }

    @Test
    void mustRejectDuplicateFieldsAsMalformed() {
        assertEquals("field 'type' appears more than once",
                error("{\"type\":\"ping\",\"requestId\":\"a1\",\"sender\":" + aliceJson() + ",\"type\":\"pong\"}").detail());
        assertEquals("field 'sender.address' appears more than once",
                error("{\"type\":\"ping\",\"requestId\":\"a1\",\"sender\":{\"address\":\"a\",\"nodeId\":\""
                        + ALICE_ID.toHex() + "\",\"address\":\"b\"}}").detail());
    }

    @Test
    void mustRejectAFrameOneCharacterOverTheLimitAsOversizedWithoutParsingIt() {
        MessageCodec small = new MessageCodec(64);
        assertInstanceOf(DecodeError.class, small.decode("x".repeat(64)));
        DecodeError garbage = (DecodeError) small.decode("x".repeat(65));
        assertEquals(new DecodeError(ErrorCode.OVERSIZED, "frame is 65 bytes, over the limit of 64", null, null),
                garbage);
        String validPing = codec.encode(new Ping("a1", ALICE));
        MessageCodec exact = new MessageCodec(validPing.length());
        assertInstanceOf(Decoded.class, exact.decode(validPing));
        assertEquals(ErrorCode.OVERSIZED, ((DecodeError) exact.decode(validPing + " ")).code());
    }

    @Test
    void mustRejectHugeFramesQuickly() {
        String huge = "[".repeat(8 * 1024 * 1024);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 10_000; i++) {
                assertEquals(ErrorCode.OVERSIZED, ((DecodeError) codec.decode(huge)).code());
            }
        });
    }

    @Test
    void mustRejectDeepNestingAsMalformedWithoutRecursingIntoIt() {
        assertError(ErrorCode.MALFORMED, "[".repeat(100_000));
        assertError(ErrorCode.MALFORMED, "{\"a\":" + "[".repeat(100_000));
        DecodeError nested = error("{\"type\":\"ping\",\"requestId\":\"a1\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}");
        assertEquals(ErrorCode.MALFORMED, nested.code());
        assertEquals("frame exceeds the parser's limits: at most 32 levels of nesting, numbers of at most 64 digits",
                nested.detail());
        assertEquals("a1", nested.requestId());
    }

    @Test
    void mustAcceptModerateNestingInUnknownFields() {
        String frame = "{\"type\":\"ping\",\"requestId\":\"a1\",\"sender\":" + aliceJson() + ",\"x\":"
                + "[".repeat(20) + "]".repeat(20) + "}";
        assertEquals(new Decoded(new Ping("a1", ALICE)), codec.decode(frame));
    }

    @Test
    void mustRejectAbsurdlyLongNumbersInUnknownFields() {
        String frame = "{\"type\":\"ping\",\"requestId\":\"a1\",\"sender\":" + aliceJson() + ",\"x\":"
                + "9".repeat(10_000) + "}";
        assertError(ErrorCode.MALFORMED, frame);
    }

    @Test
    void mustRejectEveryCutOfAValidFrameAsTruncatedOrMalformed() {
        for (Message message : oneOfEach()) {
            String frame = codec.encode(message);
            for (int end = 0; end < frame.length(); end++) {
                int cut = end;
                DecodeError error = error(frame.substring(0, cut));
                assertTrue(error.code() == ErrorCode.TRUNCATED || error.code() == ErrorCode.MALFORMED,
                        () -> "cut at " + cut + " gave " + error);
            }
        }
    }

    @Test
    void mustReportAFrameCutInsideAStringOrObjectAsTruncatedAndEchoWhatWasRead() {
        String frame = codec.encode(new FindNode("a1", ALICE, KEY));
        int insideTarget = frame.indexOf(KEY.toHex()) + 10;
        assertEquals(new DecodeError(ErrorCode.TRUNCATED, "frame ends before its JSON is complete", "a1", "find_node"),
                codec.decode(frame.substring(0, insideTarget)));
        assertEquals(ErrorCode.TRUNCATED, error(frame.substring(0, frame.length() - 1)).code());
        assertEquals(ErrorCode.TRUNCATED, error("{\"type\":\"pi").code());
    }
}
