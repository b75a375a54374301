package io.kadmesh.dht.protocol;

/** The rule for a service's name in a {@link ServiceRequest}: 1..{@value #MAX_LENGTH} characters of {@code a-z 0-9 _ -}. */
public final class ServiceName {

    /** Longest service name, in characters. */
    public static final int MAX_LENGTH = 32;

    private ServiceName() {
    }

    /** Whether {@code name} may name a service. */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        return name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-');
    }
}
