package io.kadmesh.node;

/** A request needs the node, which does not run in this process now; the message says why. */
public class NodeNotRunningException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NodeNotRunningException(String reason) {
        super(reason);
    }
}
