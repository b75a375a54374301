package io.kadmesh.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Constructor;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.kadmesh.plugin.micrometer.MicrometerRecorder;
import io.kadmesh.spi.metrics.Direction;
import io.kadmesh.spi.metrics.MessageType;
import io.kadmesh.spi.metrics.MetricsRecorder;
import io.kadmesh.spi.metrics.RpcOutcome;
import io.kadmesh.spi.transport.Phase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;

/**
 * {@link ThrowingMetricsAgent}'s change, made here without an agent: the real plugin class redefined
 * with it, in a class loader of its own, still constructs, and throws the agent's exception from every
 * SPI method.
 */
class ThrowingMetricsAgentTest {

    @Test
    void shouldNameTheNodesPlugin() {
        assertEquals(MicrometerRecorder.class.getName(), ThrowingMetricsAgent.PLUGIN);
    }

    @Test
    void shouldMakeEverySpiMethodOfThePluginThrowButLeaveItsConstructor() throws ReflectiveOperationException {
        MetricsRecorder plugin = throwingPlugin();

        List<Executable> calls = List.of(() -> plugin.bind(null),
                () -> plugin.frame("websocket", Direction.values()[0], MessageType.values()[0], 10),
                () -> plugin.transportError("websocket", Phase.values()[0]),
                () -> plugin.rpc(MessageType.values()[0], RpcOutcome.values()[0], 1_000),
                () -> plugin.lookup(2), () -> plugin.configApplied("none", "default"));
        for (Executable call : calls) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class, call);
            assertEquals(ThrowingMetricsAgent.MESSAGE, thrown.getMessage());
        }
    }

    private static MetricsRecorder throwingPlugin() throws ReflectiveOperationException {
        Class<?> changed = new ByteBuddy().redefine(MicrometerRecorder.class)
                .visit(ThrowingMetricsAgent.throwingMethods(TypeDescription.ForLoadedType.of(MicrometerRecorder.class)))
                .make().load(ThrowingMetricsAgentTest.class.getClassLoader(), ClassLoadingStrategy.Default.CHILD_FIRST)
                .getLoaded();
        Constructor<?> constructor = changed.getDeclaredConstructor(MeterRegistry.class);
        constructor.setAccessible(true);
        return (MetricsRecorder) constructor.newInstance(new SimpleMeterRegistry());
    }
}
