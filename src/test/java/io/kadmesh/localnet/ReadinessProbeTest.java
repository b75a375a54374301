package io.kadmesh.localnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.kadmesh.testing.StubNode;

/** {@link ReadinessProbe}: only a 200 on {@code /q/health/ready} is ready. */
class ReadinessProbeTest {

    private final ReadinessProbe probe = new ReadinessProbe();

    @Test
    void shouldTellReadinessFromTheStatus() throws IOException {
        try (StubNode stub = new StubNode()) {
            stub.answer(200, "{\"status\":\"UP\"}");
            assertTrue(probe.ready(stub.url()));
            assertEquals(new StubNode.Request("GET", "/q/health/ready", ""), stub.lastRequest());

            stub.answer(503, "{\"status\":\"DOWN\"}");
            assertFalse(probe.ready(stub.url()), "503 is not ready");
        }
    }

    @Test
    void shouldTellAClosedPortIsNotReady() {
        assertFalse(probe.ready("http://127.0.0.1:" + LoopbackPorts.free()));
    }
}
