package io.kadmesh.cli.config;

/**
 * Why a config command could not do what it was asked: the message is for the operator, names what is
 * wrong and never holds a password. The command prints it and exits 1.
 */
final class ConfigFailure extends Exception {

    private static final long serialVersionUID = 1L;

    ConfigFailure(String message) {
        super(message);
    }

    ConfigFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
