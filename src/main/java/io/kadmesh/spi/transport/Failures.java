package io.kadmesh.spi.transport;

import java.util.concurrent.CompletionException;

/** Reading the failure of a future: what went wrong, without the wrappers futures add. */
public final class Failures {

    private Failures() {
    }

    /** The failure itself: {@code failure} with every {@link CompletionException} around it removed. */
    public static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The message of {@link #cause}, or its type when it has none. */
    public static String message(Throwable failure) {
        Throwable cause = cause(failure);
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
