package io.kadmesh.rest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Which servers need a token, and which requests are writes. */
class WriteAccessTest {

    @Test
    void aServerBeyondLoopbackWithoutATokenMustRefuseToStart() {
        for (String host : new String[] { "0.0.0.0", "::", "10.0.0.5", "node.example" }) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> new WriteAccess(Optional.empty(), host).check(), host);
            assertTrue(refused.getMessage().contains("kadmesh.api.token"), refused.getMessage());
        }
        assertThrows(IllegalStateException.class, () -> new WriteAccess(Optional.of(" "), "0.0.0.0").check());
        assertDoesNotThrow(() -> new WriteAccess(Optional.of("secret"), "0.0.0.0").check());
    }

    @Test
    void aServerOnLoopbackMayRunWithoutAToken() {
        for (String host : new String[] { "127.0.0.1", "127.0.0.9", "localhost", "::1", "[::1]" }) {
            assertDoesNotThrow(() -> new WriteAccess(Optional.empty(), host).check(), host);
        }
    }

    @Test
    void findNodeMustCountAsARead() {
        assertTrue(WriteAccess.isWrite("PUT", "/api/dht/values/k"));
        assertTrue(WriteAccess.isWrite("POST", "/api/pubsub/channels"));
        assertTrue(WriteAccess.isWrite("DELETE", "//api/anything"));
        assertFalse(WriteAccess.isWrite("POST", "/api/dht/find-node"));
        assertFalse(WriteAccess.isWrite("POST", "/api/dht/find-node/"));
        assertFalse(WriteAccess.isWrite("GET", "/api/dht/values/k"));
    }
}
