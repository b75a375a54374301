package io.kadmesh.pubsub;

/** None of a channel's roots could be reached to take a message: the node is cut off, or not joined yet. */
public final class NoRootException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NoRootException(String message, Throwable cause) {
        super(message, cause);
    }
}
