package io.kadmesh.dht;

import java.util.Objects;

/**
 * A node as others know it: its id and the address it can be reached at (a URL such as
 * {@code ws://10.0.0.5:8080}, or {@code mem://17} in a simulation). The core treats the address as
 * opaque; transports interpret it.
 */
public record Contact(NodeId id, String address) {

    /** Longest address a contact may carry. */
    public static final int MAX_ADDRESS_LENGTH = 2048;

    public Contact {
        Objects.requireNonNull(id, "id must be set");
        Objects.requireNonNull(address, "address must be set");
        if (address.isBlank() || address.length() > MAX_ADDRESS_LENGTH) {
            throw new IllegalArgumentException("a contact's address must be 1.." + MAX_ADDRESS_LENGTH
                    + " characters, got " + address.length());
        }
    }

    @Override
    public String toString() {
        return id.shortHex() + "@" + address;
    }
}
