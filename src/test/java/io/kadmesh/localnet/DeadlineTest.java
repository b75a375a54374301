package io.kadmesh.localnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** {@link Deadline} waits and {@link LoopbackPorts}. */
class DeadlineTest {

    private static final Duration POLL = Duration.ofMillis(1);

    @Test
    void shouldReturnOnceTheConditionHolds() {
        AtomicInteger checks = new AtomicInteger();

        assertTrue(Deadline.after(Duration.ofSeconds(10)).await(() -> checks.incrementAndGet() == 3, POLL));
        assertEquals(3, checks.get());
    }

    @Test
    void shouldGiveUpAtTheDeadline() {
        Deadline deadline = Deadline.after(Duration.ofMillis(50));

        assertFalse(deadline.await(() -> false, POLL));
        assertTrue(deadline.expired());
        assertEquals(Duration.ZERO, deadline.remaining());
    }

    @Test
    void shouldStopWaitingWhenInterrupted() {
        Thread.currentThread().interrupt();
        try {
            Deadline deadline = Deadline.after(Duration.ofSeconds(10));
            assertThrows(IllegalStateException.class, () -> deadline.await(() -> false, POLL));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void shouldRejectANonPositiveTimeout() {
        assertThrows(IllegalArgumentException.class, () -> Deadline.after(Duration.ZERO));
    }

    @Test
    void shouldFindFreeLoopbackPortsAndSeeWhenOneAccepts() throws Exception {
        int port = LoopbackPorts.free();

        assertFalse(LoopbackPorts.accepting(port), "nothing listens on a free port");
        try (ServerSocket server = new ServerSocket(port, 1, LoopbackPorts.LOOPBACK)) {
            assertTrue(LoopbackPorts.accepting(port), "a bound port accepts");
        }
    }
}
