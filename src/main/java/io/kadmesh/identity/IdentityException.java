package io.kadmesh.identity;

/** The node's key file could not be read, was corrupt, or could not be written. */
public class IdentityException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}, which names the key file. */
    public IdentityException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure described by {@code message}, which names the key file. */
    public IdentityException(String message) {
        super(message);
    }
}
