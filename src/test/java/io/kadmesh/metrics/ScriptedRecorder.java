package io.kadmesh.metrics;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.kadmesh.spi.metrics.Direction;
import io.kadmesh.spi.metrics.MessageType;
import io.kadmesh.spi.metrics.MetricsRecorder;
import io.kadmesh.spi.metrics.NodeGauges;
import io.kadmesh.spi.metrics.RpcOutcome;
import io.kadmesh.spi.transport.Phase;

/** A metrics plugin for tests: counts every call, and throws what {@link #failWith} says while set. */
public class ScriptedRecorder implements MetricsRecorder {

    /** Calls of any method. */
    public final AtomicInteger calls = new AtomicInteger();
    /** Calls of {@link #bind}. */
    public final AtomicInteger binds = new AtomicInteger();
    /** The failure every call throws; null for none. */
    public volatile Supplier<? extends Throwable> failWith;
    /** The gauges last bound. */
    public volatile NodeGauges gauges;

    @Override
    public void bind(NodeGauges gauges) {
        binds.incrementAndGet();
        this.gauges = gauges;
        called();
    }

    @Override
    public void frame(String transport, Direction direction, MessageType type, long bytes) {
        called();
    }

    @Override
    public void transportError(String manager, Phase phase) {
        called();
    }

    @Override
    public void rpc(MessageType type, RpcOutcome outcome, long nanos) {
        called();
    }

    @Override
    public void lookup(int hops) {
        called();
    }

    @Override
    public void configApplied(String commit, String profile) {
        called();
    }

    private void called() {
        calls.incrementAndGet();
        Supplier<? extends Throwable> failure = failWith;
        if (failure != null) {
            ScriptedRecorder.<RuntimeException> sneakyThrow(failure.get());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable failure) throws T {
        throw (T) failure;
    }
}
