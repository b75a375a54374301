package io.kadmesh.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.kadmesh.diagnostics.Endpoint.Role;

class EndpointTest {

    @Test
    void aServerUrlDialsTheRolesPath() {
        assertEquals("ws://127.0.0.1:8080/dht", Endpoint.parse(Role.NODE, "http://127.0.0.1:8080").toString());
        assertEquals("wss://node.example:443/bootstrap", Endpoint.parse(Role.BOOTSTRAP, "https://node.example/x").toString());
        assertEquals("ws://[::1]:8080/dht", Endpoint.parse(Role.NODE, "http://[::1]:8080/").toString());
    }

    @Test
    void aWebSocketUrlIsDialedAsItIs() {
        Endpoint endpoint = Endpoint.parse(Role.NODE, "ws://127.0.0.1:8080/proxied/dht?x=1");
        assertEquals("/proxied/dht?x=1", endpoint.target());
        assertEquals("ws://127.0.0.1:80/dht", Endpoint.parse(Role.NODE, "ws://127.0.0.1").toString());
        assertTrue(Endpoint.parse(Role.NODE, "wss://127.0.0.1:9/dht").tls());
    }

    @Test
    void aBootstrapMayPinItsIdAndBringsItsPeerEndpoint() {
        String id = "93caf08e0a1744a7cb09cde7c7d477ef90146499";
        Endpoint bootstrap = Endpoint.parse(Role.BOOTSTRAP, "ws://127.0.0.1:8080/bootstrap#" + id);
        assertEquals(id, bootstrap.pinnedId().toHex());
        assertEquals("ws://127.0.0.1:8080/bootstrap", bootstrap.toString());
        assertEquals("ws://127.0.0.1:8080/dht", bootstrap.peerEndpoint().toString());
        assertEquals(Role.NODE, bootstrap.peerEndpoint().role());
        assertNull(Endpoint.parse(Role.BOOTSTRAP, "ws://127.0.0.1:8080/onboard").peerEndpoint());
        assertNull(Endpoint.parse(Role.NODE, "ws://127.0.0.1:8080/dht").peerEndpoint());
    }

    @Test
    void badUrlsAreRefusedSayingWhy() {
        assertMessage("must start with ws://", () -> Endpoint.parse(Role.NODE, "ftp://127.0.0.1/dht"));
        assertMessage("is not a URL such as ws://host:port/dht", () -> Endpoint.parse(Role.NODE, "127.0.0.1:8080"));
        assertMessage("is not a URL", () -> Endpoint.parse(Role.NODE, "ws://127.0.0.1:8080/a b"));
        assertMessage("names no host", () -> Endpoint.parse(Role.NODE, "ws:///dht"));
        assertMessage("only a bootstrap URL may end in #<id>",
                () -> Endpoint.parse(Role.NODE, "ws://h:1/dht#" + "a".repeat(40)));
        assertMessage("40 hex digits", () -> Endpoint.parse(Role.BOOTSTRAP, "ws://h:1/bootstrap#xyz"));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable parse) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, parse);
        assertTrue(error.getMessage().contains(part), error.getMessage());
    }
}
