package io.kadmesh.it.harness;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.kadmesh.localnet.Deadline;

/** Bounded waits for conditions on a live network, failing the test with what was last seen. */
public final class Await {

    /** Pause between two checks of a condition. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private Await() {
    }

    /**
     * Checks {@code condition} until it holds; a check that throws counts as not holding. Fails
     * with {@code what}, the timeout, {@code lastSeen} and the last exception if it does not hold
     * within {@code timeout}.
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> lastSeen) {
        AtomicReference<RuntimeException> lastError = new AtomicReference<>();
        BooleanSupplier tolerant = () -> {
            try {
                return condition.getAsBoolean();
            } catch (RuntimeException e) {
                lastError.set(e);
                return false;
            }
        };
        if (!Deadline.after(timeout).await(tolerant, POLL_INTERVAL)) {
            fail(what + " within " + timeout.toSeconds() + " s; last seen: " + describe(lastSeen)
                    + (lastError.get() == null ? "" : "; last error: " + lastError.get()), lastError.get());
        }
    }

    private static String describe(Supplier<String> lastSeen) {
        try {
            return lastSeen.get();
        } catch (RuntimeException e) {
            return "(unavailable: " + e + ")";
        }
    }
}
