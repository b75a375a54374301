package io.kadmesh.localnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Free ports for local nodes lie outside the range outgoing connections take theirs from. */
class LoopbackPortsTest {

    @Test
    void freePortsAreDistinctBindableAndBelowTheEphemeralRange() throws IOException {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = LoopbackPorts.free();
            assertTrue(port >= LoopbackPorts.FIRST_PORT && port <= LoopbackPorts.LAST_PORT && port < 32_768,
                    "port " + port + " should lie below the ephemeral range");
            ports.add(port);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(LoopbackPorts.LOOPBACK, port), 1);
            }
        }
        assertEquals(50, ports.size(), "no port should be handed out twice");
    }
}
