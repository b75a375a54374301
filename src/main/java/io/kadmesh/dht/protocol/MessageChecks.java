package io.kadmesh.dht.protocol;

import java.time.Duration;
import java.util.Objects;

/** The argument checks the message records share; each failure names the argument. */
final class MessageChecks {

    private MessageChecks() {
    }

    /** Fails unless {@code requestId} is a well-formed request id. */
    static void requestId(String requestId) {
        if (!Message.isRequestId(requestId)) {
            throw new IllegalArgumentException("requestId must be 1.." + Message.MAX_REQUEST_ID_LENGTH
                    + " characters of A-Z, a-z, 0-9, '_' and '-', got " + describe(requestId));
        }
    }

    /** Fails unless {@code service} is a well-formed service name. */
    static void serviceName(String service) {
        if (!ServiceName.isValid(service)) {
            throw new IllegalArgumentException("service must be 1.." + ServiceName.MAX_LENGTH
                    + " characters of a-z, 0-9, '_' and '-', got " + describe(service));
        }
    }

    /** Fails when {@code value} is null. */
    static <T> T present(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " must be set");
    }

    /** Fails when {@code value} is null, zero or negative. */
    static void positive(Duration value, String name) {
        present(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static String describe(String requestId) {
        if (requestId == null) {
            return "none";
        }
        if (requestId.length() > Message.MAX_REQUEST_ID_LENGTH) {
            return requestId.length() + " characters";
        }
        return "'" + requestId + "'";
    }
}
