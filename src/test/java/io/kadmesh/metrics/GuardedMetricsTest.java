package io.kadmesh.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.kadmesh.spi.metrics.Direction;
import io.kadmesh.spi.metrics.MessageType;
import io.kadmesh.spi.metrics.RpcOutcome;
import io.kadmesh.spi.transport.Phase;

class GuardedMetricsTest {

    private final ScriptedRecorder plugin = new ScriptedRecorder();

    private GuardedMetrics guard(int maxConsecutiveFailures) {
        return new GuardedMetrics(plugin, "scripted", List.of("websocket"), maxConsecutiveFailures,
                Duration.ofMinutes(1), System::nanoTime);
    }

    /** One call of every hot-path method: four plugin calls when metrics are on. */
    private static void everyCall(GuardedMetrics metrics) {
        metrics.frame("websocket", Direction.IN, MessageType.PING, 42);
        metrics.transportError("websocket", Phase.CONNECT);
        metrics.rpc(MessageType.FIND_NODE, RpcOutcome.OK, 1_000);
        metrics.lookup(3);
    }

    @Test
    void mustNeverCallThePluginWhileOff() {
        GuardedMetrics metrics = guard(3);
        metrics.apply(false, "c1", "default");
        everyCall(metrics);
        metrics.apply(false, "c2", "minimal");
        everyCall(metrics);

        assertEquals(0, plugin.calls.get());
        assertFalse(metrics.state().active());
    }

    @Test
    void mustNeverCallThePluginOnceConfigTurnsMetricsOff() {
        GuardedMetrics metrics = guard(3);
        metrics.apply(true, "c1", "default");
        int callsWhileOn = plugin.calls.get();
        metrics.apply(false, "c2", "default");
        everyCall(metrics);

        assertEquals(2, callsWhileOn, "bind and configApplied");
        assertEquals(callsWhileOn, plugin.calls.get());
    }

    @Test
    void mustCallThePluginWhileOn() {
        GuardedMetrics metrics = guard(3);
        metrics.apply(true, "c1", "default");
        everyCall(metrics);

        assertEquals(2 + 4, plugin.calls.get());
        assertEquals(0, metrics.state().failures());
    }

    @Test
    void mustNeverThrowWhateverThePluginThrows() {
        GuardedMetrics metrics = guard(Integer.MAX_VALUE);
        List<Throwable> failures = List.of(new IllegalStateException("broken"), new IOException("checked, sneaked"),
                new StackOverflowError(), new NoClassDefFoundError("io/micrometer/Missing"), new AssertionError(),
                new ThrowingDescription());
        metrics.apply(true, "c1", "default");
        for (Throwable failure : failures) {
            plugin.failWith = () -> failure;
            everyCall(metrics);
        }

        assertEquals(4L * failures.size(), metrics.state().failures());
        assertEquals(4 * failures.size(), metrics.state().consecutiveFailures());
        assertTrue(metrics.state().active());
        assertNotNull(metrics.state().lastFailure());
    }

    @Test
    void mustSwitchThePluginOffAfterTheMaximumOfFailuresInARow() {
        GuardedMetrics metrics = guard(5);
        metrics.apply(true, "c1", "default");
        plugin.failWith = () -> new IllegalStateException("broken");
        for (int i = 0; i < 4; i++) {
            metrics.lookup(1);
        }
        assertTrue(metrics.state().active(), "four failures in a row are below the maximum");
        metrics.lookup(1);
        int callsAtSwitchOff = plugin.calls.get();
        everyCall(metrics);
        metrics.apply(true, "c2", "default");

        assertTrue(metrics.state().switchedOff());
        assertFalse(metrics.state().active());
        assertEquals(5, metrics.state().failures());
        assertEquals(callsAtSwitchOff, plugin.calls.get(), "no call once switched off, not even for a new commit");
    }

    @Test
    void mustKeepThePluginWhenItsFailuresAreNotInARow() {
        GuardedMetrics metrics = guard(2);
        metrics.apply(true, "c1", "default");
        for (int i = 0; i < 10; i++) {
            plugin.failWith = () -> new IllegalStateException("broken");
            metrics.lookup(1);
            plugin.failWith = null;
            metrics.lookup(1);
        }

        assertTrue(metrics.state().active());
        assertEquals(10, metrics.state().failures());
        assertEquals(0, metrics.state().consecutiveFailures());
    }

    @Test
    void mustCallThePluginAgainOnceConfigTurnsMetricsOffAndOn() {
        GuardedMetrics metrics = guard(2);
        metrics.apply(true, "c1", "default");
        plugin.failWith = () -> new IllegalStateException("broken");
        everyCall(metrics);
        assertTrue(metrics.state().switchedOff());
        plugin.failWith = null;

        metrics.apply(false, "c2", "default");
        metrics.apply(true, "c3", "default");
        int callsAtReset = plugin.calls.get();
        everyCall(metrics);

        assertTrue(metrics.state().active());
        assertFalse(metrics.state().switchedOff());
        assertEquals(0, metrics.state().consecutiveFailures());
        assertEquals(callsAtReset + 4, plugin.calls.get());
        assertEquals(1, plugin.binds.get(), "gauges are bound once");
    }

    @Test
    void mustShowTheGuardInTheGaugesItBinds() {
        GuardedMetrics metrics = guard(1);
        metrics.apply(true, "c1", "default");
        metrics.attach(new NodeReadings() {
            @Override
            public int connections(String transport, Direction direction) {
                return direction == Direction.IN ? 2 : 3;
            }

            @Override
            public int routingTableContacts() {
                return 17;
            }

            @Override
            public boolean ready() {
                return true;
            }
        });
        assertTrue(plugin.gauges.metricsEnabled());
        assertEquals(List.of("websocket"), plugin.gauges.transports());
        assertEquals(3, plugin.gauges.connections("websocket", Direction.OUT));
        assertEquals(17, plugin.gauges.routingTableContacts());
        assertTrue(plugin.gauges.ready());

        plugin.failWith = () -> new IllegalStateException("broken");
        metrics.lookup(1);

        assertFalse(plugin.gauges.metricsEnabled());
        assertEquals(1, plugin.gauges.metricsFailures());
    }

    /** An exception that cannot even be described. */
    private static final class ThrowingDescription extends RuntimeException {
        @Override
        public String getMessage() {
            throw new IllegalStateException("no message");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("no description");
        }
    }
}
