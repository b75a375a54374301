package io.kadmesh.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class FailureLogTest {

    @Test
    void mustLogAtMostOncePerInterval() {
        AtomicLong now = new AtomicLong(1_000);
        FailureLog log = new FailureLog(Duration.ofSeconds(10), now::get);
        RuntimeException failure = new IllegalStateException("broken");

        int lines = 0;
        for (int i = 0; i < 100; i++) {
            lines += log.failed("p", "frame", failure, i) ? 1 : 0;
            now.addAndGet(Duration.ofMillis(250).toNanos());
        }

        assertEquals(3, lines, "25 s of failures every 250 ms: at 0 s, 10 s and 20 s");
    }
}
