package io.kadmesh.config.live;

/** A commit, file or value of the config repository that cannot be applied; the message says why and where. */
public final class InvalidConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String message) {
        super(message);
    }

    public InvalidConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
