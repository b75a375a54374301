package io.kadmesh.dht.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Contact addresses in frames are well-formed ws(s) URLs of at most 256 characters; a {@code nodes}
 * reply or a sender with any other address is refused as {@code invalid}, naming the field.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ContactAddressTest {

    private static final String HONEST_ID = "b0b0000000000000000000000000000000000002";
    private final MessageCodec codec = new MessageCodec();

    @ParameterizedTest
    @ValueSource(strings = { "ws://127.0.0.1:8081/dht", "wss://node-7.example.org/dht", "ws://[::1]:9000/dht",
            "ws://localhost", "wss://10.0.0.5:443/a/b%20c", "ws://[2001:db8:0:0:0:0:2:1]:1/dht" })
    void mustAcceptAWebSocketUrl(String address) {
        assertInstanceOf(Decoded.class, codec.decode(nodesWith(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = { "javascript:alert(1)", "http://127.0.0.1:8081/dht", "ws://", "ws://:80/dht",
            "ws://host:0/dht", "ws://host:65536/dht", "ws://host:08/dht", "ws://user@host/dht",
            "ws://host/dht?x=1", "ws://host/dht#f", "ws://ho st/dht", "ws://-host/dht", "ws://host..x/dht",
            "ws://[::1/dht", "ws://[1:2:3]/dht", "ws://[fe80::1%25eth0]/dht", "WS://host/dht", "ws://hÖst/dht",
            "ws://host/d\u0000ht", "ws://host/%zz", " ws://host/dht" })
    void mustRefuseAnythingElse(String address) {
        DecodeError error = assertInstanceOf(DecodeError.class, codec.decode(nodesWith(address)), address);
        assertEquals(ErrorCode.INVALID, error.code());
        assertTrue(error.detail().contains("nodes[1].address") && error.detail().contains("ws://"), error.detail());
    }

    @ParameterizedTest
    @ValueSource(ints = { 257, 2048 })
    void mustRefuseAnAddressOverTheBound(int length) {
        String prefix = "ws://h/";
        String address = prefix + "a".repeat(length - prefix.length());
        assertInstanceOf(DecodeError.class, codec.decode(nodesWith(address)));
        String atBound = prefix + "a".repeat(256 - prefix.length());
        assertInstanceOf(Decoded.class, codec.decode(nodesWith(atBound)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "not a url", "http://127.0.0.1:8082" })
    void mustRefuseASenderWithABadAddress(String address) {
        String ping = "{\"type\":\"ping\",\"requestId\":\"p1\",\"sender\":{\"nodeId\":\"" + HONEST_ID
                + "\",\"address\":" + json(address) + "}}";
        DecodeError error = assertInstanceOf(DecodeError.class, codec.decode(ping));
        assertTrue(error.detail().contains("sender.address"), error.detail());
    }

    @Test
    void mustAcceptABrowserSenderAtItsOwnBrowserAddress() {
        Decoded decoded = assertInstanceOf(Decoded.class, codec.decode(pingFrom("browser:" + HONEST_ID)));
        assertTrue(decoded.message().sender().isBrowser(), decoded.message().sender().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "browser:c0ff000000000000000000000000000000000011",
            "browser:B0B0000000000000000000000000000000000002",
            "browser:", "browser:" + HONEST_ID + "/x" })
    void mustRefuseABrowserAddressThatIsNotTheSendersOwn(String address) {
        DecodeError error = assertInstanceOf(DecodeError.class, codec.decode(pingFrom(address)), address);
        assertEquals(ErrorCode.INVALID, error.code());
        assertTrue(error.detail().contains("sender.address") && error.detail().contains("own node id"), error.detail());
    }

    @Test
    void mustRefuseABrowserPassedOnInANodesReply() {
        DecodeError error = assertInstanceOf(DecodeError.class, codec.decode(nodesWith("browser:" + HONEST_ID)));
        assertEquals(ErrorCode.INVALID, error.code());
        assertTrue(error.detail().contains("nodes[1].address") && error.detail().contains("only for itself"),
                error.detail());
    }

    private static String pingFrom(String address) {
        return "{\"type\":\"ping\",\"requestId\":\"p1\",\"sender\":{\"nodeId\":\"" + HONEST_ID
                + "\",\"address\":" + json(address) + "}}";
    }

    private static String nodesWith(String address) {
        return "{\"type\":\"nodes\",\"requestId\":\"fn-1\",\"sender\":{\"nodeId\":\"" + HONEST_ID
                + "\",\"address\":\"ws://127.0.0.1:8082\"},\"nodes\":[{\"nodeId\":\"c0ff000000000000000000000000000000000011\","
                + "\"address\":\"ws://10.0.0.9:8080\"},{\"nodeId\":\"" + HONEST_ID + "\",\"address\":" + json(address)
                + "}]}";
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c < 0x20 || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
