package io.kadmesh.it.harness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;

import org.junit.jupiter.api.Test;

import io.kadmesh.localnet.LoopbackPorts;

/** {@link ListeningSockets} sees the ports this very process listens on, and only those. */
class ListeningSocketsTest {

    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void shouldSeeAListeningPortOfThisProcessUntilItCloses() throws IOException {
        int port;
        try (ServerSocket server = new ServerSocket(0, 1, LoopbackPorts.LOOPBACK)) {
            port = server.getLocalPort();

            assertTrue(ListeningSockets.of(SELF).contains(port), port + " in " + ListeningSockets.of(SELF));
        }
        assertFalse(ListeningSockets.of(SELF).contains(port), "closed: " + port + " in " + ListeningSockets.of(SELF));
    }

    @Test
    void shouldNotCountAConnectedClientSocket() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, LoopbackPorts.LOOPBACK);
                Socket client = new Socket(LoopbackPorts.LOOPBACK, server.getLocalPort())) {
            assertFalse(ListeningSockets.of(SELF).contains(client.getLocalPort()),
                    "a client's port is not listening: " + ListeningSockets.of(SELF));
        }
    }
}
