package io.kadmesh.dht;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Where a node's work runs. Tasks run one at a time, in the order they were submitted, so the core
 * needs no locks; timers run on the same sequence. A simulation drives it with virtual time; a live
 * node backs it with the event loop that carries its connections.
 */
public interface Scheduler extends Executor {

    /** Runs {@code task} once, after {@code delay}, unless cancelled first. */
    Timer schedule(Duration delay, Runnable task);

    /**
     * Runs {@code work} here and completes the returned future as the stage it returns completes;
     * a {@link RuntimeException} thrown by {@code work} fails the future. Callable from any thread.
     */
    default <T> CompletableFuture<T> call(Supplier<? extends CompletionStage<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                work.get().whenComplete((value, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(failure);
                    } else {
                        result.complete(value);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** A pending task. */
    @FunctionalInterface
    interface Timer {
        /** Stops the task from running; harmless if it ran already. */
        void cancel();
    }
}
