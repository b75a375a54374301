package io.kadmesh.dht.protocol;

import static io.kadmesh.dht.protocol.SampleMessages.*;
import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.Base64;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.kadmesh.testing.Records;

/** Well-formed JSON objects whose fields are missing or out of range, or whose type is unknown. */
class MessageCodecInvalidTest {

    private static final String SENDER = ",\"sender\":" + aliceJson();

    private final MessageCodec codec = new MessageCodec();

    private DecodeError error(String frame) {
        DecodeResult result = codec.decode(frame);
        return assertInstanceOf(DecodeError.class, result, () -> "decoded " + result);
    }

    private void assertInvalid(String detail, String frame) {
        DecodeError error = error(frame);
        assertEquals(ErrorCode.INVALID, error.code(), error::detail);
        assertEquals(detail, error.detail());
    }

    @Test
    void mustEchoTheRequestIdOfAnUnknownType() {
        assertEquals(new DecodeError(ErrorCode.UNKNOWN_TYPE, "unknown message type: 'gossip'", "a1", "gossip"),
                codec.decode("{\"type\":\"gossip\",\"requestId\":\"a1\"" + SENDER + "}"));
    }

    @Test
    void mustNotEchoAnUnknownTypeThatIsLongOrOdd() {
        String longType = "t".repeat(1000);
        assertEquals(new DecodeError(ErrorCode.UNKNOWN_TYPE, "unknown message type: a 1000-character string", "a1", null),
                codec.decode("{\"type\":\"" + longType + "\",\"requestId\":\"a1\"}"));
        DecodeError odd = error("{\"type\":\"PING\\u0000\",\"requestId\":\"a1\"}");
        assertEquals(ErrorCode.UNKNOWN_TYPE, odd.code());
        assertNull(odd.type());
    }

    @Test
    void mustTreatTypeNamesAsCaseSensitive() {
        assertEquals(ErrorCode.UNKNOWN_TYPE, error("{\"type\":\"Ping\",\"requestId\":\"a1\"" + SENDER + "}").code());
    }

    @Test
    void mustRejectAServiceRequestWithoutAWellFormedServiceOrBody() {
        String start = "{\"type\":\"service\",\"requestId\":\"a1\"" + SENDER;
        assertInvalid("field 'service' is missing", start + ",\"body\":\"{}\"}");
        assertInvalid("field 'service' must be 1..32 characters of a-z, 0-9, '_' and '-'",
                start + ",\"service\":\"PubSub\",\"body\":\"{}\"}");
        assertInvalid("field 'service' must be 1..32 characters of a-z, 0-9, '_' and '-'",
                start + ",\"service\":\"" + "s".repeat(33) + "\",\"body\":\"{}\"}");
        assertInvalid("field 'body' is missing", start + ",\"service\":\"pubsub\"}");
    }

    @Test
    void mustRejectMissingFieldsAsInvalidNamingTheField() {
        assertInvalid("field 'type' is missing", "{\"requestId\":\"a1\"" + SENDER + "}");
        assertInvalid("field 'requestId' is missing", "{\"type\":\"ping\"" + SENDER + "}");
        assertInvalid("field 'sender' is missing", "{\"type\":\"ping\",\"requestId\":\"a1\"}");
        assertInvalid("field 'target' is missing", "{\"type\":\"find_node\",\"requestId\":\"a1\"" + SENDER + "}");
        assertInvalid("field 'key' is missing", "{\"type\":\"find_value\",\"requestId\":\"a1\"" + SENDER + "}");
        assertInvalid("field 'nodes' is missing", "{\"type\":\"nodes\",\"requestId\":\"a1\"" + SENDER + "}");
        assertInvalid("field 'value' is missing",
                "{\"type\":\"store\",\"requestId\":\"a1\"" + SENDER + ",\"key\":\"" + KEY.toHex() + "\"}");
        assertInvalid("field 'code' is missing", "{\"type\":\"error\",\"requestId\":\"a1\"" + SENDER + ",\"message\":\"m\"}");
        assertInvalid("field 'message' is missing",
                "{\"type\":\"error\",\"requestId\":\"a1\"" + SENDER + ",\"code\":\"invalid\"}");
        assertInvalid("field 'sender.address' is missing",
                "{\"type\":\"ping\",\"requestId\":\"a1\",\"sender\":{\"nodeId\":\"" + ALICE_ID.toHex() + "\"}}");
        assertInvalid("field 'sender.nodeId' is missing",
                "{\"type\":\"ping\",\"requestId\":\"a1\",\"sender\":{\"address\":\"ws://x\"}}");
    }

    @Test
    void mustRequireAStoreToCarryAWellFormedSignedRecord() {
        String store = "{\"type\":\"store\",\"requestId\":\"a1\"" + SENDER + ",\"key\":\"" + KEY.toHex()
                + "\",\"value\":\"v\"";
        String publisher = ",\"publisher\":\"" + Records.FIXED_PUBLISHER.toHex() + "\"";
        String publicKey = ",\"publicKey\":\"" + Base64.getEncoder().encodeToString(Records.FIXED_KEY) + "\"";
        String signature = ",\"signature\":\"" + Base64.getEncoder().encodeToString(new byte[64]) + "\"";
        assertInvalid("field 'publisher' is missing", store + "}");
        assertInvalid("field 'publicKey' is missing", store + publisher + "}");
        assertInvalid("field 'publicKey' must be base64 of 32 bytes", store + publisher + ",\"publicKey\":\"AAAA\"}");
        assertInvalid("field 'publicKey' must be base64 of 32 bytes", store + publisher + ",\"publicKey\":\"*\"}");
        String keyed = store + publisher + publicKey;
        assertInvalid("field 'seq' is missing", keyed + "}");
        assertInvalid("field 'seq' must be at least 0, got -1", keyed + ",\"seq\":-1}");
        assertInvalid("field 'expiresAt' is missing", keyed + ",\"seq\":1}");
        assertInvalid("field 'expiresAt' must be at least 0, got -5", keyed + ",\"seq\":1,\"expiresAt\":-5}");
        assertInvalid("field 'expiresAt' must be at most 253402300799999, got 9223372036854775807",
                keyed + ",\"seq\":1,\"expiresAt\":9223372036854775807}");
        assertInvalid("field 'seq' must be at most " + Long.MAX_VALUE, keyed + ",\"seq\":9223372036854775808}");
        assertInvalid("field 'signature' is missing", keyed + ",\"seq\":1,\"expiresAt\":1}");
        Store decoded = assertInstanceOf(Store.class, assertInstanceOf(Decoded.class,
                codec.decode(keyed + ",\"seq\":1,\"expiresAt\":1" + signature + "}")).message());
        assertEquals(Instant.ofEpochMilli(1), decoded.record().expiresAt());
        assertEquals(1, decoded.record().seq());
    }

    @Test
    void mustTreatANullFieldAsMissing() {
        DecodeError error = error("{\"type\":\"ping\",\"requestId\":null" + SENDER + "}");
        assertEquals(new DecodeError(ErrorCode.INVALID, "field 'requestId' is missing", null, "ping"), error);
    }

    @Test
    void mustRejectBadNodeIdsAsInvalid() {
        String prefix = "{\"type\":\"find_node\",\"requestId\":\"a1\"" + SENDER + ",\"target\":";
        String detail = "field 'target' must be 40 hex digits";
        assertInvalid(detail, prefix + "\"" + KEY.toHex().substring(1) + "\"}");
        assertInvalid(detail, prefix + "\"" + KEY.toHex() + "0\"}");
        assertInvalid(detail, prefix + "\"" + "g".repeat(40) + "\"}");
        assertInvalid(detail, prefix + "\"\"}");
        assertInvalid(detail, prefix + "\"" + "\uff11".repeat(40) + "\"}");
        assertInvalid(detail, prefix + "\"" + "\u0661".repeat(40) + "\"}");
    }

    @Test
    void mustRejectABadNodeIdInsideTheNodesListNamingItsPosition() {
        String frame = "{\"type\":\"nodes\",\"requestId\":\"a1\"" + SENDER + ",\"nodes\":[" + aliceJson()
                + ",{\"nodeId\":\"xyz\",\"address\":\"mem://1\"}]}";
        assertInvalid("field 'nodes[1].nodeId' must be 40 hex digits", frame);
    }

    @Test
    void mustRejectBadAddressesAsInvalid() {
        String start = "{\"type\":\"ping\",\"requestId\":\"a1\",\"sender\":{\"nodeId\":\"" + ALICE_ID.toHex()
                + "\",\"address\":\"";
        String detail = "field 'sender.address' must be 1..2048 characters, not all blank";
        assertInvalid(detail, start + "\"}}");
        assertInvalid(detail, start + "   \"}}");
        assertInvalid(detail, start + "x".repeat(2049) + "\"}}");
    }

    @Test
    void mustRejectBadRequestIdsAsInvalidWithoutEchoingThem() {
        String detail = "field 'requestId' must be 1..64 characters of A-Z, a-z, 0-9, '_' and '-'";
        for (String id : new String[] { "", "r".repeat(65), "a b", "a/b", "id\\u0000", "\u00e9t\u00e9" }) {
            DecodeError error = error("{\"type\":\"ping\",\"requestId\":\"" + id + "\"" + SENDER + "}");
            assertEquals(new DecodeError(ErrorCode.INVALID, detail, null, "ping"), error, id);
        }
        String longest = "r".repeat(64);
        assertEquals(new Decoded(new Ping(longest, ALICE)),
                codec.decode("{\"type\":\"ping\",\"requestId\":\"" + longest + "\"" + SENDER + "}"));
    }

    @Test
    void mustRejectANodesListLongerThanTheLimitAsInvalid() {
        String tooMany = contacts(Nodes.MAX_NODES + 1).stream()
                .map(c -> "{\"nodeId\":\"" + c.id().toHex() + "\",\"address\":\"" + c.address() + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
        DecodeError error = error("{\"type\":\"nodes\",\"requestId\":\"a1\"" + SENDER + ",\"nodes\":" + tooMany + "}");
        assertEquals(new DecodeError(ErrorCode.INVALID, "field 'nodes' must hold at most 64 contacts, got 65", "a1",
                "nodes"), error);
    }

    @Test
    void mustRejectAnUnknownErrorCodeAsInvalid() {
        DecodeError error = error("{\"type\":\"error\",\"requestId\":\"a1\"" + SENDER
                + ",\"code\":\"UNKNOWN_TYPE\",\"message\":\"m\"}");
        assertEquals(ErrorCode.INVALID, error.code());
        assertEquals("field 'code' must be a known error code such as 'invalid', got 'UNKNOWN_TYPE'", error.detail());
    }

    @Test
    void mustAcceptAnErrorReplyWithoutARequestId() {
        String frame = "{\"type\":\"error\"" + SENDER + ",\"code\":\"truncated\",\"message\":\"cut short\"}";
        assertEquals(new Decoded(new ErrorReply(null, ALICE, ErrorCode.TRUNCATED, "cut short")), codec.decode(frame));
    }
}
