package io.kadmesh.dht;

import java.util.Objects;

/**
 * A node as others know it: its id and the address it can be reached at (a URL such as
 * {@code ws://10.0.0.5:8080}, or {@code mem://17} in a simulation). The core treats the address as
 * opaque, transports interpret it, with one exception: a {@linkplain #isBrowser() browser}'s address,
 * {@code browser:} and its own id, says that nobody can dial it. A browser takes part in the DHT over
 * the links it opens itself; a node reaches it over such a link or not at all.
 */
public record Contact(NodeId id, String address) {

    /** Longest address a contact may carry. */
    public static final int MAX_ADDRESS_LENGTH = 2048;

    /** The scheme of a browser's address, which the browser's id follows. */
    public static final String BROWSER_SCHEME = "browser:";

    public Contact {
        Objects.requireNonNull(id, "id must be set");
        Objects.requireNonNull(address, "address must be set");
        if (address.isBlank() || address.length() > MAX_ADDRESS_LENGTH) {
            throw new IllegalArgumentException("a contact's address must be 1.." + MAX_ADDRESS_LENGTH
                    + " characters, got " + address.length());
        }
    }

    /** The contact of the browser {@code id}: at {@code browser:} and the id, in lowercase hex. */
    public static Contact browser(NodeId id) {
        return new Contact(id, BROWSER_SCHEME + id.toHex());
    }

    /** Whether this is a browser, which cannot be dialed: its address has the browser scheme. */
    public boolean isBrowser() {
        return address.startsWith(BROWSER_SCHEME);
    }

    @Override
    public String toString() {
        return id.shortHex() + "@" + address;
    }
}
