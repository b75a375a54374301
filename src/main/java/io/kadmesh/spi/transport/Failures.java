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

    /** The first throwable of {@code type} in {@code failure}'s chain of causes, {@code failure} included; null if none. */
    public static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The message of the innermost cause in {@code failure}'s chain, {@code "null"} when it has none. */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
