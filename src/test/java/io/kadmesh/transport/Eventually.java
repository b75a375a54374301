package io.kadmesh.transport;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.kadmesh.spi.transport.TransportException;

/** Bounded waits for tests on real threads: a condition with a deadline, a stage's failure. */
public final class Eventually {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private Eventually() {
    }

    /** Checks {@code condition} until it holds; fails the test with {@code what} after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail(what + " within " + timeout.toMillis() + " ms");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** The {@link TransportException} {@code stage} fails with within {@code timeout}. */
    public static TransportException failureOf(CompletionStage<?> stage, Duration timeout) {
        try {
            Object value = stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return fail("expected a transport failure, got " + value);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TransportException transport) {
                return transport;
            }
            return fail("expected a transport failure, got " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            return fail("the stage did not end within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    /** The value {@code stage} completes with within {@code timeout}. */
    public static <T> T valueOf(CompletionStage<T> stage, Duration timeout) {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return fail("expected success, got " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            return fail("the stage did not end within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }
}
