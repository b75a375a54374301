package io.kadmesh.rest;

/** The request needs the DHT node, which is not running here. Answered with 503. */
public class NodeUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NodeUnavailableException(String message) {
        super(message);
    }
}
